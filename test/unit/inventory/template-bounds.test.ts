import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { Templater } from '#shared/inventory/templater';
import { boundSegments, boundTemplate, walkBoundSegments } from '#shared/inventory/template-bounds';

const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india'];

function words(count: number): string {
  return Array.from({ length: count }, (_, i) => WORDS[i % WORDS.length]).join('/');
}

// The documented bounds (ARCHITECTURE "Bounds"), as literals: the sort key EP#<253-byte host>#<template>#<method>
// must stay under DynamoDB's 1,024 bytes.
function expectBounded(template: string): void {
  expect(Buffer.byteLength(template)).toBeLessThanOrEqual(512);
  expect(template.split('/').length - 1).toBeLessThanOrEqual(32);
  expect(Buffer.byteLength(`EP#${'h'.repeat(253)}#${template}#OPTIONS`)).toBeLessThanOrEqual(1024);
}

describe('template bounds', () => {
  it('folds the segments past the 32nd into one trailing {path}', () => {
    const template = new Templater().templateOf('h', 'GET', `/v1/${words(100)}`);
    expect(template).toBe(`/v1/${words(30)}/{path}`);
    expectBounded(template);
  });

  it('cuts a 6 KB path of literals to at most 512 bytes of template', () => {
    const long = `/v1/${Array.from({ length: 600 }, (_, i) => `${WORDS[i % 9]}-${WORDS[(i + 3) % 9]}`).join('/')}`;
    const template = new Templater().templateOf('h', 'GET', long);
    expectBounded(template);
    expect(template.endsWith('/{path}')).toBe(true);
    expect(template.startsWith('/v1/alpha-delta/bravo-echo')).toBe(true);
  });

  it('folds a path of fewer than 32 long literal segments at 512 bytes', () => {
    const segment = (i: number) => [0, 1, 2, 3, 4].map((k) => WORDS[(i + k) % WORDS.length]).join('-');
    const long = `/v1/${Array.from({ length: 30 }, (_, i) => segment(i)).join('/')}`;
    const template = new Templater().templateOf('h', 'GET', long);
    expect(Buffer.byteLength(long)).toBeGreaterThan(800);
    expectBounded(template);
    expect(Buffer.byteLength(template)).toBeGreaterThan(512 - 40);
    expect(template.endsWith('/{path}')).toBe(true);
  });

  it('keeps every template of random paths within the bounds, multibyte segments included', () => {
    const templater = new Templater();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom(...WORDS), fc.nat().map(String)), {
          maxLength: 80,
        }),
        (segments) =>
          expectBounded(templater.templateOf('h', 'GET', `/${segments.map(encodeURIComponent).join('/')}`)),
      ),
    );
  });

  it('bounds a declared template too', () => {
    expectBounded(new Templater().templateOf('h', 'GET', '/x', `/${words(300)}`));
    expect(boundTemplate('/users/{id}')).toBe('/users/{id}');
  });

  it("stops learning new literals once a host's state reaches its bound, keeping what it learned", () => {
    const templater = new Templater();
    const letters = (i: number, d: number) =>
      Array.from({ length: 12 }, (_, k) => String.fromCharCode(97 + ((i * 31 + d * 7 + k * k) % 26))).join(
        '',
      ) + i.toString(36).replace(/\d/g, (c) => 'qrstuvwxyz'[Number(c)]!);
    expect(templater.templateOf('h', 'GET', '/v1/orders/7')).toBe('/v1/orders/{id}');
    for (let i = 0; i < 1500; i++)
      templater.templateOf('h', 'GET', '/' + Array.from({ length: 30 }, (_, d) => letters(i, d)).join('/'));
    const size = Buffer.byteLength(JSON.stringify(templater.exportState('h')));
    // 256 KiB as documented, well under DynamoDB's 400 KB item.
    expect(size).toBeLessThanOrEqual(256 * 1024);
    expect(templater.templateOf('h', 'GET', '/v1/orders/8')).toBe('/v1/orders/{id}');
    expect(templater.templateOf('h', 'GET', '/zzzunseen/route')).toBe('/{path}');
    expect(templater.templateOf('h', 'GET', '/v1/unseen')).toBe('/v1/{path}');
    expect(templater.templateOf('h', 'GET', `/v1/unseen/${words(100)}`)).toBe('/v1/{path}');
    // A new parameter is a new node too: the sensitive value still goes nowhere.
    expect(templater.templateOf('h', 'GET', '/v1/orders/9/078-05-1120')).toBe('/v1/orders/{id}/{path}');
    // A saved and reloaded state is still bounded and still refuses growth (a path as long as those
    // that filled it: a short one may fit in what the last refused path left).
    const reloaded = new Templater();
    reloaded.importState('h', templater.exportState('h')!);
    const long = Array.from({ length: 30 }, (_, d) => letters(99_999, d)).join('/');
    expect(reloaded.templateOf('h', 'GET', `/zzzother/${long}`)).toBe('/{path}');
  });

  it('a full host learns no new parameters either: each distinct custom-method suffix would be a node', () => {
    const templater = new Templater();
    const letters = (i: number, d: number) =>
      Array.from({ length: 12 }, (_, k) => String.fromCharCode(97 + ((i * 17 + d * 5 + k * 3) % 26))).join(
        '',
      ) + i.toString(36).replace(/\d/g, (c) => 'qrstuvwxyz'[Number(c)]!);
    expect(templater.templateOf('h', 'GET', '/v1/jobs/42:cancel')).toBe('/v1/jobs/{id}:cancel');
    for (let i = 0; i < 1500; i++)
      templater.templateOf('h', 'GET', '/' + Array.from({ length: 30 }, (_, d) => letters(i, d)).join('/'));
    // An attacker's unique suffixes, under a known route and at the root, after the fill.
    for (let i = 0; i < 20_000; i++) {
      templater.templateOf('h', 'GET', `/v1/jobs/${i}:verb${letters(i, 1)}`);
      templater.templateOf('h', 'GET', `/${i}:x${letters(i, 2)}/${i}`);
    }
    expect(Buffer.byteLength(JSON.stringify(templater.exportState('h')))).toBeLessThanOrEqual(256 * 1024);
    expect(templater.templateOf('h', 'GET', '/v1/jobs/43:cancel')).toBe('/v1/jobs/{id}:cancel');
    expect(templater.templateOf('h', 'GET', '/v1/jobs/44:verbnew')).toBe('/v1/jobs/{path}');
    expect(templater.templateOf('h', 'GET', '/v1/jobs/44/steps')).toBe('/v1/jobs/{path}');
  });
});

describe('sensitive values are never templates', () => {
  const cases: [string, string][] = [
    ['/api/ssn/078-05-1120', '/api/ssn/{ssn}'],
    ['/api/ssn/078%2D05%2D1120', '/api/ssn/{ssn}'],
    ['/api/cards/4111-1111-1111-1111', '/api/cards/{card}'],
    ['/api/cards/4111 1111 1111 1111', '/api/cards/{card}'],
    ['/api/cards/4111%201111%201111%201111', '/api/cards/{card}'],
    ['/api/phones/+1-555-123-4567', '/api/phones/{phone}'],
    ['/api/phones/%2B1-555-123-4567', '/api/phones/{phone}'],
    ['/api/phones/555-123-4567', '/api/phones/{phone}'],
    ['/api/keys/AKIAIOSFODNN7EXAMPLE', '/api/keys/{aws-key}'],
    ['/api/users/jane.doe%40telecom.example/orders', '/api/users/{email}/orders'],
    // What the forwarder ships after replacing the value itself.
    ['/api/ssn/{ssn}', '/api/ssn/{ssn}'],
    ['/api/users/user-{email}', '/api/users/{email}'],
    ['/api/keys/{aws-access-key}', '/api/keys/{aws-key}'],
  ];
  it.each(cases)('%s -> %s', (path, template) => {
    expect(new Templater().templateOf('h', 'GET', path)).toBe(template);
  });

  it('keeps no sensitive value in the saved state either', () => {
    const templater = new Templater();
    for (const [path] of cases) templater.templateOf('h', 'GET', path);
    const state = JSON.stringify(templater.exportState('h'));
    for (const value of ['078', '4111', '555', 'AKIA', 'jane']) expect(state).not.toContain(value);
  });
});

describe('walkBoundSegments: the segments a full host looks at are those boundSegments yields', () => {
  const segment = fc.oneof(
    fc.constantFrom(...WORDS, '078-05-1120', '4111-1111-1111-1111', 'user%40example.com', '{email}', ''),
    fc.string({ maxLength: 80 }),
    fc.nat().map(String),
  );

  it('visits a prefix of what boundSegments yields, all of it when it says ended', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 60 }), fc.nat({ max: 60 }), (segments, stopAt) => {
        const bounded = boundSegments(segments);
        const seen: string[] = [];
        const walk = walkBoundSegments(segments, (s) => {
          seen.push(s);
          return seen.length <= stopAt;
        });
        expect(seen).toEqual(bounded.slice(0, seen.length));
        if (walk === 'ended') expect(seen).toEqual(bounded);
        if (walk === 'stopped') expect(seen).toHaveLength(stopAt + 1);
      }),
      { numRuns: 500 },
    );
  });
});
