import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { Templater } from '#shared/inventory/templater';

const HOST = 'api.example.com';

function templatesOf(templater: Templater, paths: string[]): string[] {
  return paths.map((path) => templater.templateOf(HOST, 'GET', path));
}

describe('Templater', () => {
  it('templates identifiers at once: integers, UUIDs, hex hashes, prefixed tokens, dates, emails', () => {
    const templater = new Templater();
    const out = templatesOf(templater, [
      '/users/42',
      '/users/550e8400-e29b-41d4-a716-446655440000',
      '/commits/9fceb02d0ae598e95dc970b74767f19372d61af8',
      '/customers/cus_9s6XKzkNRiz8i3',
      '/reports/2024-01-15',
      '/people/jane@example.com',
    ]);
    expect(out).toEqual([
      '/users/{id}',
      '/users/{id}',
      '/commits/{id}',
      '/customers/{id}',
      '/reports/{date}',
      '/people/{email}',
    ]);
  });

  it('keeps static words beside a parameter literal (`/users/me`, `/v1`, `/health`)', () => {
    const templater = new Templater();
    templatesOf(templater, ['/v1/users/1', '/v1/users/2', '/v1/users/3']);
    expect(templater.templateOf(HOST, 'GET', '/v1/users/me')).toBe('/v1/users/me');
    expect(templater.templateOf(HOST, 'GET', '/health')).toBe('/health');
  });

  it('merges value-looking siblings into a parameter and reports the templates it replaced', () => {
    const templater = new Templater();
    templatesOf(templater, ['/profiles/jane.doe', '/profiles/mike_92']);
    expect(templater.drainRewrites()).toEqual([]);
    expect(templater.templateOf(HOST, 'GET', '/profiles/octocat')).toBe('/profiles/{param}');
    const rewrites = templater.drainRewrites();
    expect(rewrites).toEqual(
      expect.arrayContaining([
        { host: HOST, from: '/profiles/jane.doe', to: '/profiles/{param}' },
        { host: HOST, from: '/profiles/mike_92', to: '/profiles/{param}' },
      ]),
    );
    expect(templater.templateOf(HOST, 'GET', '/profiles/jane.doe')).toBe('/profiles/{param}');
  });

  it('does not merge a handful of vocabulary siblings under a version segment', () => {
    const templater = new Templater();
    const names = ['customers', 'charges', 'invoices', 'refunds', 'products', 'prices', 'orders', 'coupons'];
    const out = templatesOf(
      templater,
      names.map((n) => `/v1/${n}`),
    );
    expect(out).toEqual(names.map((n) => `/v1/${n}`));
  });

  it('folds trailing slashes, double slashes, case, matrix parameters and percent-encoding', () => {
    const templater = new Templater();
    const first = templater.templateOf(HOST, 'GET', '/Orders/17/items');
    expect(
      templatesOf(templater, [
        '/orders/18/items/',
        '//orders//19/items',
        '/orders;jsessionid=x/20/items',
        '/%6Frders/21/items',
      ]),
    ).toEqual([first, first, first, first]);
    expect(first).toBe('/Orders/{id}/items');
  });

  it('uses the template a gateway declared instead of inferring one', () => {
    const templater = new Templater();
    expect(templater.templateOf(HOST, 'GET', '/pets/rex', '/pets/{petId}')).toBe('/pets/{petId}');
  });

  it('honours pinned templates and never-merge prefixes from the user', () => {
    const rules = new Map([[HOST, { pinned: ['/files/{name}'], neverMerge: ['/teams/'] }]]);
    const templater = new Templater(rules);
    expect(templater.templateOf(HOST, 'GET', '/files/readme')).toBe('/files/{name}');
    const teams = templatesOf(templater, [
      '/teams/jane.doe',
      '/teams/mike_92',
      '/teams/octocat',
      '/teams/x_1',
    ]);
    expect(teams).toEqual(['/teams/jane.doe', '/teams/mike_92', '/teams/octocat', '/teams/x_1']);
  });

  it('restores the learned structure from its exported state', () => {
    const first = new Templater();
    templatesOf(first, ['/profiles/jane.doe', '/profiles/mike_92', '/profiles/octocat']);
    const second = new Templater();
    second.importState(HOST, first.exportState(HOST)!);
    expect(second.templateOf(HOST, 'GET', '/profiles/zoe.k')).toBe('/profiles/{param}');
  });

  it('saves literals keyed by their names and loads states saved with names everywhere', () => {
    const first = new Templater();
    templatesOf(first, ['/v1/termStore/Groups/7', '/v1/termStore/Groups/8']);
    const state = first.exportState(HOST)!;
    expect(JSON.stringify(state)).not.toContain('"n":"termStore"');
    const reloaded = new Templater();
    reloaded.importState(HOST, state);
    expect(reloaded.templateOf(HOST, 'GET', '/v1/termstore/groups/9')).toBe('/v1/termStore/Groups/{id}');
    // The earlier form: lower-cased keys, every node named.
    const older = new Templater();
    older.importState(HOST, {
      n: '',
      l: { v1: { n: 'v1', l: { termstore: { n: 'termStore', f: 1, p: { n: 'id', k: 'id', f: 1 } } } } },
    });
    expect(older.templateOf(HOST, 'GET', '/v1/termstore/3')).toBe('/v1/termStore/{id}');
  });

  it('keeps literals named like Object.prototype members through the saved JSON', () => {
    const paths = ['/__proto__/a', '/constructor/b', '/toString', '/api/hasOwnProperty/c'];
    const first = new Templater();
    templatesOf(first, paths);
    const saved = JSON.stringify(first.exportState(HOST));
    const reloaded = new Templater();
    reloaded.importState(HOST, JSON.parse(saved) as Parameters<Templater['importState']>[1]);

    expect(saved).toContain('"__proto__"');
    expect(JSON.stringify(reloaded.exportState(HOST))).toBe(saved);
    for (const path of paths)
      expect(reloaded.templateOf(HOST, 'GET', path)).toBe(first.templateOf(HOST, 'GET', path));
  });

  it('round-trips any learned state through its saved form', () => {
    const segment = fc.constantFrom(
      'users',
      'Orders',
      'jane.doe',
      'x_1',
      '42',
      'termStore',
      'a-b-c',
      'v2',
      'me',
    );
    fc.assert(
      fc.property(fc.array(fc.array(segment, { minLength: 1, maxLength: 4 }), { maxLength: 30 }), (paths) => {
        const first = new Templater();
        templatesOf(
          first,
          paths.map((p) => `/${p.join('/')}`),
        );
        const second = new Templater();
        const state = first.exportState(HOST) ?? { n: '' };
        second.importState(HOST, state);
        expect(second.exportState(HOST)).toEqual(state);
        for (const p of paths) {
          const path = `/${p.join('/')}`;
          expect(second.templateOf(HOST, 'GET', path)).toBe(first.templateOf(HOST, 'GET', path));
        }
      }),
    );
  });

  it('gives every path a template that starts with a slash and never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 50 }), (paths) => {
        const templater = new Templater();
        for (const path of paths) expect(templater.templateOf(HOST, 'GET', path).startsWith('/')).toBe(true);
      }),
    );
  });

  it('is stable: once a path maps to a template, more traffic only generalises it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^(\/(users|orders|[a-z]{1,6}|[0-9]{1,4}|[a-z]{2,5}_[0-9]{1,2})){1,4}$/), {
          minLength: 1,
          maxLength: 80,
        }),
        (paths) => {
          const templater = new Templater();
          const firstSeen = new Map<string, string>();
          for (const path of paths) firstSeen.set(path, templater.templateOf(HOST, 'GET', path));
          for (const [path, template] of firstSeen) {
            const now = templater.templateOf(HOST, 'GET', path);
            const a = template.split('/');
            const b = now.split('/');
            expect(b.length).toBe(a.length);
            b.forEach((segment, i) => {
              if (!segment.startsWith('{')) expect(segment.toLowerCase()).toBe(a[i]!.toLowerCase());
            });
          }
        },
      ),
    );
  });
});
