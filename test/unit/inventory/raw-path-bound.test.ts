import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { Templater } from '#shared/inventory/templater';
import { boundRawPath, pathSegments, splitPath } from '#shared/url/path-segments';

// Pieces that splitPath counts differently from slashes: empty, '.', matrix-only, encoded slashes.
const piece = fc.oneof(
  fc.constantFrom('', '.', ';jsessionid=1', 'a%2Fb', 'orders', 'users', '42', 'v1', 'item-7'),
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  fc.stringMatching(/^[a-z]{200,400}$/),
);
const path = fc.array(piece, { minLength: 0, maxLength: 80 }).map((pieces) => `/${pieces.join('/')}`);

describe('boundRawPath: what a parser keeps of a path is what templating can use', () => {
  it('yields the same templates as the whole paths, call after call', () => {
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 20 }), (paths) => {
        const whole = new Templater();
        const bounded = new Templater();
        for (const p of paths)
          expect(bounded.templateOf('h.example.com', 'GET', boundRawPath(p))).toBe(
            whole.templateOf('h.example.com', 'GET', p),
          );
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent and bounded: at most 34 segments and 4,096 characters plus the marker', () => {
    fc.assert(
      fc.property(path, (p) => {
        const once = boundRawPath(p);
        expect(boundRawPath(once)).toBe(once);
        expect(splitPath(once).length).toBeLessThanOrEqual(34);
        expect(once.length).toBeLessThanOrEqual(4096 + '/{path}'.length);
      }),
    );
  });

  it('cuts exactly where the plain character-by-character count cut (segments counted in place)', () => {
    const tricky = fc.oneof(
      fc.constantFrom('', '.', ';jsessionid=1', 'a%2Fb', 'orders', '42', '.;x', ';', '..', '.a', '%2E', 'a;'),
      fc.constantFrom('%', '%zz', '%3B', '%2F'),
      fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.array(tricky, { minLength: 25, maxLength: 90 }), (pieces) => {
        const p = `/${pieces.join('/')}`;
        expect(boundRawPath(p)).toBe(referenceBoundRawPath(p));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves an ordinary path alone and folds a 1,000-segment one after its 33rd segment', () => {
    const deep = '/v1/' + Array.from({ length: 1000 }, (_, i) => `w${i}`).join('/');
    expect(boundRawPath('/v1/orders/42/items')).toBe('/v1/orders/42/items');
    expect(boundRawPath(deep)).toBe(`/v1/${Array.from({ length: 32 }, (_, i) => `w${i}`).join('/')}/{path}`);
  });

  it('cuts a path of 20 400-character segments at a segment boundary within 4,096 characters', () => {
    const segment = (i: number) => String.fromCharCode(97 + i).repeat(400);
    const wide = `/${Array.from({ length: 20 }, (_, i) => segment(i)).join('/')}`;
    const kept = Array.from({ length: 10 }, (_, i) => segment(i)).join('/');
    expect(boundRawPath(wide)).toBe(`/${kept}/{path}`);
  });
});

/** boundRawPath as first written (every character read, every piece cleaned), to compare with. */
function referenceBoundRawPath(path: string): string {
  let slashes = 0;
  for (let i = 0; i < path.length && slashes <= 33; i++) if (path.charCodeAt(i) === 47 /* / */) slashes++;
  let out = path;
  if (slashes > 33) {
    // Count segments as splitPath does (empty, `.` and `;x` pieces are not segments).
    let count = 0;
    let start = 0;
    for (let i = 0; i < path.length; i++) {
      if (path.charCodeAt(i) !== 47) continue;
      if (i > start && cleanSegment(path.slice(start, i)) !== '' && ++count === 33) {
        out = `${path.slice(0, i)}/{path}`;
        break;
      }
      start = i + 1;
    }
  }
  if (out.length <= 4096) return out;
  const slash = out.lastIndexOf('/', 4096);
  return `${out.slice(0, slash > 0 ? slash : 4096)}/{path}`;
}

/** A piece is a segment when splitPath keeps it (the definition the fast count must match). */
function cleanSegment(raw: string): string {
  return splitPath(`/${raw}`)[0] ?? '';
}

describe('pathSegments: splitPath one segment at a time', () => {
  it('yields exactly the segments splitPath returns, for any path or text', () => {
    const text = fc.oneof(
      path,
      path.map((p) => `${p}/`),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc
        .array(fc.constantFrom('/', '//', ';', '.', '%2F', '%', 'a', '%7E', ';x=1'), { maxLength: 20 })
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(text, (p) => {
        expect([...pathSegments(p)]).toEqual(splitPath(p));
      }),
      { numRuns: 500 },
    );
  });
});
