import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { Templater } from '#shared/inventory/templater';
import { nodeFromJson, nodeToJson, stateJsonBytes } from '#shared/inventory/template-state';

// Segments that exercise every JSON escape and UTF-8 width, beside ids, suffixes and markers.
const segment = fc.oneof(
  fc.constantFrom('orders', 'users', '42', 'v1', '{ssn}', 'a"b', 'back\\slash', 'tab\there', 'bell\u0007'),
  fc.constantFrom('report.json', 'music:export', '550e8400-e29b-41d4-a716-446655440000', 'ünïcode', '日本'),
  fc.constantFrom('\ud83d\ude00', 'lone\ud800', 'low\udc00x', '__proto__', '0', '12'),
  fc.constantFrom('IMG_4170.zip', 'forest.pdf', 'cat.jpg', 'a1b2c3d4e5.png', "f(period='D7')"),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).filter((s) => !s.includes('/')),
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
);
const path = fc.array(segment, { minLength: 0, maxLength: 8 }).map((s) => `/${s.join('/')}`);

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
