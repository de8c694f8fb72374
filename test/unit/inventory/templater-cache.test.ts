import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { Templater } from '#shared/inventory/templater';

const HOST = 'api.example.com';

describe('Templater path cache', () => {
  it('answers a repeated path from before a merge with the merged template after it', () => {
    const templater = new Templater();
    const first = templater.templateOf(HOST, 'GET', '/profiles/jane.doe/repos');
    expect(templater.templateOf(HOST, 'GET', '/profiles/jane.doe/repos')).toBe(first);
    expect(first).toBe('/profiles/jane.doe/repos');
    templater.templateOf(HOST, 'GET', '/profiles/mike_92/repos');
    templater.templateOf(HOST, 'GET', '/profiles/octocat/repos');
    expect(templater.drainRewrites()).not.toEqual([]);
    expect(templater.templateOf(HOST, 'GET', '/profiles/jane.doe/repos')).toBe('/profiles/{param}/repos');
  });

  it('is transparent: repeated paths get what never-repeated spellings of them get', () => {
    // Paths from a small pool repeat (cache hits) and fill sibling sets (merges). Trailing slashes
    // fold away in templating but make each spelling a new cache key, so `uncached` never hits.
    const segment = fc.constantFrom('jane.doe', 'mike_92', 'octocat', 'orders', '42', 'a-b-c', 'x9y8');
    const path = fc.tuple(segment, segment).map(([a, b]) => `/u/${a}/r/${b}`);
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 40 }), (paths) => {
        const cached = new Templater();
        const uncached = new Templater();
        paths.forEach((p, i) => {
          const spelled = p + '/'.repeat(i + 1);
          expect([p, cached.templateOf(HOST, 'GET', p)]).toEqual([
            p,
            uncached.templateOf(HOST, 'GET', spelled),
          ]);
        });
        expect(cached.drainRewrites()).toEqual(uncached.drainRewrites());
      }),
      { numRuns: 200 },
    );
  });
});
