import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import {
  canonicalTemplate,
  endpointKey,
  scoreTemplates,
  type ScoredPath,
} from '../../../bench/corpus/template-score.ts';
import { diagnose } from '../../../bench/corpus/template-diagnostics.ts';
import { followTemplater } from '../../../bench/corpus/follow-templater.ts';
import type { TrafficCall } from '../../../bench/corpus/openapi-traffic.ts';

const HOST = 'api.example.test';

function path(p: string, truth: string, inferred: string, method = 'GET'): ScoredPath & { kinds: string[] } {
  return { host: HOST, method, path: p, truth, inferred, calls: 1, kinds: [] };
}

function keys(...templates: string[]): Set<string> {
  return new Set(templates.map((t) => endpointKey(HOST, 'GET', t)));
}

describe('canonicalTemplate', () => {
  it('ignores parameter names, case, trailing slashes and percent-encoding', () => {
    expect(canonicalTemplate('/V2/Users/{user_id}/')).toBe(canonicalTemplate('/v2/users/{id}'));
    expect(canonicalTemplate('/files/a%20b')).toBe('/files/a b');
  });

  it('keeps a parameter inside a segment distinct from a whole-segment parameter', () => {
    expect(canonicalTemplate('/files/{name}.json')).not.toBe(canonicalTemplate('/files/{name}'));
  });

  it('is idempotent on any template', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.stringMatching(/^[a-z0-9.~-]{1,8}$/), fc.constant('{id}')), { maxLength: 6 }),
        (segments) => {
          const once = canonicalTemplate('/' + segments.join('/'));
          expect(canonicalTemplate(once)).toBe(once);
        },
      ),
    );
  });
});

describe('scoreTemplates', () => {
  it('scores a perfect templating as precision 1 and recall 1', () => {
    const paths = [path('/users/1', '/users/{id}', '/users/{id}'), path('/users', '/users', '/users')];

    const figures = scoreTemplates(paths, keys('/users/{id}', '/users'), keys('/users/{id}', '/users'));

    expect(figures).toMatchObject({ precision: 1, recall: 1, revealableRecall: 1, f1: 1 });
  });

  it('counts each literal left by under-merging as a wrong inferred endpoint', () => {
    const paths = ['jane', 'mike', 'bob'].map((u) => path(`/users/${u}`, '/users/{login}', `/users/${u}`));

    const figures = scoreTemplates(paths, keys('/users/{login}'), keys('/users/{login}'));

    expect(figures).toMatchObject({ inferred: 3, inferredCorrect: 0, precision: 0, recall: 0 });
  });

  it('credits the parameter but misses the literal sibling an over-merge swallowed', () => {
    const paths = [
      path('/users/42', '/users/{id}', '/users/{id}'),
      path('/users/me', '/users/me', '/users/{id}'),
    ];

    const figures = scoreTemplates(paths, keys('/users/{id}', '/users/me'), keys('/users/{id}', '/users/me'));

    expect(figures).toMatchObject({ inferred: 1, precision: 1, withTraffic: 2, recalled: 1, recall: 0.5 });
  });

  it('leaves endpoints outside the revealable set out of revealable recall', () => {
    const paths = [path('/a/x', '/a/{p}', '/a/x'), path('/b/1', '/b/{id}', '/b/{id}')];

    const figures = scoreTemplates(paths, keys('/a/{p}', '/b/{id}'), keys('/b/{id}'));

    expect(figures).toMatchObject({ recall: 0.5, revealable: 1, revealableRecall: 1, precision: 0.5 });
  });

  it('counts GET and POST of one template as two endpoints', () => {
    const paths = [path('/users', '/users', '/users', 'GET'), path('/users', '/users', '/users', 'POST')];
    const spec = new Set([endpointKey(HOST, 'GET', '/users'), endpointKey(HOST, 'POST', '/users')]);

    const figures = scoreTemplates(paths, spec, spec);

    expect(figures).toMatchObject({ inferred: 2, withTraffic: 2, precision: 1, recall: 1 });
  });
});

describe('diagnose', () => {
  it('classes a swallowed literal as over-merge and literal values as under-merge', () => {
    const paths = [
      path('/users/42', '/users/{id}', '/users/{id}'),
      path('/users/me', '/users/me', '/users/{id}'),
      path('/tags/red', '/tags/{tag}', '/tags/red'),
    ];

    const d = diagnose(paths, keys('/users/{id}', '/users/me', '/tags/{tag}'));

    expect(d.missedSpec).toEqual({ 'over-merge': 1, 'under-merge': 1, other: 0 });
    expect(d.wrongInferred).toEqual({ 'over-merge': 0, 'under-merge': 1, other: 0 });
  });
});

describe('followTemplater', () => {
  it('moves paths seen before a merge to the merged template', () => {
    const calls: TrafficCall[] = ['jane.doe', 'mike_92', 'bob.smith', 'ann.lee'].map((u) => ({
      host: HOST,
      method: 'GET',
      path: `/users/${u}`,
      template: '/users/{login}',
      values: [u],
      kinds: ['username'],
      pools: ['p'],
    }));

    const { paths } = followTemplater(calls);

    const inferred = new Set([...paths.values()].map((p) => canonicalTemplate(p.inferred)));
    expect(inferred).toEqual(new Set(['/users/{}']));
  });
});
