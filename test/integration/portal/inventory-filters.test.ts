import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiCall } from '#events/api-call.schema';
import type { LocalPortal } from '#local/stack/portal';
import { uniqueTenant } from '../local-env.ts';
import { Session, dataFor, seedMembers, seedTenant, signedIn, startPortal } from './portal-fixture.ts';

type Listed = {
  id: string;
  host: string;
  method: string;
  path: string;
  calls: number;
  lastSeen: string;
  classification: {
    auth: string[];
    exposure: string;
    environment: string;
    sensitive: string[];
    spec?: string;
  };
};

let portal: LocalPortal;
const c = uniqueTenant('pf');
const d = uniqueTenant('pg');
const host = `api.${c}.example`;
const owner = `owner@${c}.example`;
const time = (minute: number) => `2026-11-30T10:${String(minute).padStart(2, '0')}:00.000Z`;
const call = (over: Partial<ApiCall> & Pick<ApiCall, 'path'>, minute: number): ApiCall => ({
  source: 'alb',
  time: time(minute),
  host,
  method: 'GET',
  status: 200,
  ...over,
});
// Auth schemes, outside callers, sensitive data and a dev host, on top of the fixture's traffic.
const EXTRA: ApiCall[] = [
  ...[1, 2, 3].map((m) => call({ path: '/orders', authScheme: 'jwt', clientIp: '10.0.0.7' }, m)),
  call({ path: '/login', authScheme: 'none', clientIp: '8.8.8.8', sensitive: ['email'] }, 4),
  call({ path: '/login', authScheme: 'none', clientIp: '1.1.1.1', sensitive: ['email'] }, 5),
  call({ path: '/orders', method: 'POST', status: 201, authScheme: 'api-key', clientIp: '9.9.9.9' }, 6),
  call({ path: '/debug', host: `api.dev.${c}.example`, authScheme: 'none' }, 7),
];

beforeAll(async () => {
  [portal] = await Promise.all([
    startPortal(),
    seedTenant(c, host, ['/orders', '/users/1', '/users/2', '/reports'], EXTRA),
    seedTenant(d, `api.${d}.example`, ['/orders', '/login']),
    seedMembers(c, { [owner]: 'owner' }),
  ]);
}, 240_000);

afterAll(async () => {
  await portal?.stop();
});

/** Every endpoint the API lists for `query`, following nextCursor one endpoint at a time. */
async function walk(session: Session, query: string): Promise<Listed[]> {
  const all: Listed[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor === null ? '' : `&cursor=${cursor}`;
    const { status, body } = await session.json(`/api/v1/endpoints?limit=1&${query}${after}`);
    expect([query, status]).toEqual([query, 200]);
    all.push(...(body.endpoints as Listed[]));
    cursor = body.nextCursor as string | null;
  } while (cursor !== null);
  return all;
}

const key = (e: { host: string; method: string; path: string }) => `${e.host} ${e.method} ${e.path}`;

describe('inventory filters and sort (GET /api/v1/endpoints, DynamoDB Local)', () => {
  it('filters by auth scheme, exposure, sensitive data and environment exactly as the stored inventory classifies', async () => {
    const session = await signedIn(portal, owner);
    const stored = await dataFor(c).inventory.list();
    const cases: [string, (e: (typeof stored)[number]) => boolean][] = [
      ['auth=none', (e) => e.classification!.auth.includes('none')],
      ['auth=jwt', (e) => e.classification!.auth.includes('jwt')],
      ['exposure=external', (e) => e.classification!.exposure === 'external'],
      ['exposure=internal', (e) => e.classification!.exposure === 'internal'],
      ['sensitive=true', (e) => e.classification!.sensitive.length > 0],
      ['environment=non-production', (e) => e.classification!.environment !== 'production'],
      [
        'exposure=external&method=post',
        (e) => e.classification!.exposure === 'external' && e.method === 'POST',
      ],
    ];
    for (const [query, expected] of cases) {
      const listed = (await walk(session, query)).map(key).sort();
      const wanted = stored.filter(expected).map(key).sort();
      expect([query, listed]).toEqual([query, wanted]);
      expect([query, listed.length]).not.toEqual([query, 0]);
    }
  });

  it('filters by spec status as the assessment judged it: shadow endpoints are those with a shadow finding', async () => {
    const session = await signedIn(portal, owner);
    const shadow = (await walk(session, 'spec=shadow')).map(key).sort();
    const findings = (await dataFor(c).findings.list())
      .filter((f) => f.type === 'shadow-endpoint')
      .map((f) => `${f.host} ${f.method} ${f.path}`)
      .sort();
    expect(shadow).toEqual(findings);
    expect((await walk(session, 'spec=documented')).map(key)).toEqual([`${host} GET /orders`]);
    expect((await walk(session, 'spec=method-not-in-spec')).map(key)).toEqual([`${host} POST /orders`]);
    const uncovered = await walk(session, 'spec=none');
    expect(uncovered.length).toBeGreaterThan(0);
    expect(uncovered.every((e) => e.host !== host && e.classification.spec === undefined)).toBe(true);
  });

  it('sorts by calls or last seen through the whole walk, each endpoint once', async () => {
    const session = await signedIn(portal, owner);
    const everything = (await dataFor(c).inventory.list()).map(key).sort();
    const byCalls = await walk(session, 'sort=calls');
    expect(byCalls.map(key).sort()).toEqual(everything);
    expect(byCalls.map((e) => e.calls)).toEqual(byCalls.map((e) => e.calls).sort((x, y) => y - x));
    const byLastSeen = await walk(session, 'sort=lastSeen&order=asc');
    expect(byLastSeen.map(key).sort()).toEqual(everything);
    expect(byLastSeen.map((e) => e.lastSeen)).toEqual(byLastSeen.map((e) => e.lastSeen).sort());
    const oldest = await session.json(`/api/v1/endpoints?sort=lastSeen&order=asc&host=${host}&limit=1`);
    expect(key((oldest.body.endpoints as Listed[])[0]!)).toBe(`${host} GET /login`);
  });

  it('refuses unknown filter values and cursors from another sort with a 400', async () => {
    const session = await signedIn(portal, owner);
    const bad = await session.json('/api/v1/endpoints?exposure=public');
    expect([bad.status, bad.body.error]).toEqual([400, 'invalid-request']);
    const first = await session.json('/api/v1/endpoints?limit=1');
    const mixed = await session.json(
      `/api/v1/endpoints?sort=calls&cursor=${first.body.nextCursor as string}`,
    );
    expect([mixed.status, mixed.body.error]).toEqual([400, 'invalid-cursor']);
  });

  it("never lists another tenant's endpoints under any filter, answers 404 for their ids and 401 without a session", async () => {
    const session = await signedIn(portal, owner);
    const theirs = (await dataFor(d).inventory.page({ limit: 1 })).endpoints[0]!;
    expect((await session.json(`/api/v1/endpoints/${theirs.id}`)).status).toBe(404);
    for (const query of ['sort=calls', 'sort=lastSeen', 'auth=unknown', 'spec=shadow', `q=${d}`]) {
      expect((await walk(session, query)).every((e) => e.host.includes(c))).toBe(true);
    }
    const anonymous = await new Session(portal.url).json('/api/v1/endpoints?sort=calls&auth=none');
    expect([anonymous.status, anonymous.body.error]).toEqual([401, 'unauthorized']);
  });
});
