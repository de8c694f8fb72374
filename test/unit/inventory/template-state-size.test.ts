import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { Templater, type TemplateRules } from '#shared/inventory/templater';
import { nodeFromJson, nodeToJson, stateJsonBytes } from '#shared/inventory/template-state';

// Segments that exercise every JSON escape and UTF-8 width, beside ids, suffixes and markers.
const segment = fc.oneof(
  fc.constantFrom('orders', 'users', '42', 'v1', '{ssn}', 'a"b', 'back\\slash', 'tab\there', 'bell\u0007'),
  fc.constantFrom('report.json', 'music:export', '550e8400-e29b-41d4-a716-446655440000', 'ünïcode', '日本'),
  fc.constantFrom('\ud83d\ude00', 'lone\ud800', 'low\udc00x', '__proto__', '0', '12'),
  fc.constantFrom('IMG_4170.zip', 'forest.pdf', 'cat.jpg', 'a1b2c3d4e5.png', "f(period='D7')"),
  fc.constantFrom('7.json', '8:cancel', 'x.DOCX', 'param', 'İstanbul', 'ǅ'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).filter((s) => !s.includes('/')),
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
);
const path = fc.array(segment, { minLength: 0, maxLength: 8 }).map((s) => `/${s.join('/')}`);
// Users' pins and spec seeds: parameters named `param` or after a kind, frozen prefixes.
const rules: fc.Arbitrary<TemplateRules> = fc.record({
  pinned: fc.constantFrom([], ['/users/{userId}'], ['/v1/{param}/items']),
  seeded: fc.constantFrom([], ['/orders/{param}', '/v1/{id}', '/{param}/x'], ['/users/{userId}/orders']),
  neverMerge: fc.constantFrom([], ['/v1'], ['/']),
});

const savedBytes = (templater: Templater, host: string) =>
  Buffer.byteLength(JSON.stringify(templater.exportState(host)));

describe('stateJsonBytes: the state bound is counted as the saved state', () => {
  it('equals the UTF-8 bytes of the serialised state after any traffic', () => {
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 60 }), (paths) => {
        const templater = new Templater();
        for (const p of paths) templater.templateOf('h.example.com', 'GET', p);
        const root = nodeFromJson(templater.exportState('h.example.com')!);
        expect(stateJsonBytes(root)).toBe(Buffer.byteLength(JSON.stringify(nodeToJson(root))));
      }),
      { numRuns: 300 },
    );
  });
});

describe("the running size a host's bound is checked against", () => {
  it('never falls below the saved state, after every path, with pins, seeds and reloads', () => {
    fc.assert(
      fc.property(
        rules,
        fc.array(path, { minLength: 1, maxLength: 60 }),
        fc.nat(60),
        (r, paths, reloadAt) => {
          let templater = new Templater(new Map([['h', r]]));
          paths.forEach((p, i) => {
            if (i === reloadAt) {
              const saved = templater.exportState('h');
              templater = new Templater(new Map([['h', r]]));
              if (saved !== undefined) templater.importState('h', saved);
            }
            templater.templateOf('h', 'GET', p);
            expect(templater.stateBytesBound('h')!).toBeGreaterThanOrEqual(savedBytes(templater, 'h'));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts new literal routes exactly, escapes and UTF-8 widths included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.stringMatching(/^[a-z"\\\u00e9\u65e5\t]{1,6}$/), { minLength: 1, maxLength: 5 }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (routes) => {
          const templater = new Templater();
          for (const route of routes) templater.templateOf('h', 'GET', `/${route.join('/')}`);
          expect(templater.stateBytesBound('h')).toBe(savedBytes(templater, 'h'));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lets a host filled by unique deep paths come within the bound and stay under it', () => {
    const templater = new Templater();
    const word = (i: number, d: number) =>
      Array.from({ length: 12 }, (_, k) =>
        String.fromCharCode(97 + ((i * 131 + d * 17 + k * k * 7) % 26)),
      ).join('') + i.toString(36).replace(/\d/g, (c) => 'qrstuvwxyz'[Number(c)]!);
    for (let i = 0; i < 1500; i++)
      templater.templateOf('h', 'GET', '/' + Array.from({ length: 30 }, (_, d) => word(i, d)).join('/'));
    const saved = savedBytes(templater, 'h');
    expect(saved).toBeLessThanOrEqual(256 * 1024);
    expect(saved).toBeGreaterThan(256 * 1024 - 8 * 1024);
    expect(templater.stateBytesBound('h')!).toBeGreaterThanOrEqual(saved);
  });
});
