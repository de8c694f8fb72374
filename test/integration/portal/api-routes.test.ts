import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { removeMember } from '#shared/accounts/members';
import type { LocalPortal } from '#local/stack/portal';
import {
  PASSWORD,
  Session,
  accountsTable,
  dataFor,
  seedMembers,
  seedTwoTenants,
  signedIn,
  startPortal,
  twoTenants,
} from './portal-fixture.ts';

let portal: LocalPortal;
const cast = twoTenants('p');
const { a, b, ownerA, viewerA, ownerB } = cast;
let endpointOfB: string;
let findingOfB: string;
let findingOfA: string;

beforeAll(async () => {
  [portal] = await Promise.all([
    startPortal(),
    seedTwoTenants(
      cast,
      ['/orders', '/users/1', '/users/2', '/admin/export', '/reports'],
      ['/orders', '/secret-b'],
    ),
  ]);
  endpointOfB = (await dataFor(b).inventory.page({ limit: 1 })).endpoints[0]!.id;
  findingOfB = (await dataFor(b).findings.list('open'))[0]!.id;
  findingOfA = (await dataFor(a).findings.list('open'))[0]!.id;
}, 240_000);

afterAll(async () => {
  await portal?.stop();
});

describe('portal API routes (next start, DynamoDB Local)', () => {
  it('answers 401 with a JSON error on every route without a session or token', async () => {
    const anonymous = new Session(portal.url);
    const routes: [string, string][] = [
      ['GET', '/api/v1/endpoints'],
      ['GET', `/api/v1/endpoints/${endpointOfB}`],
      ['GET', '/api/v1/findings'],
      ['GET', `/api/v1/findings/${findingOfA}`],
      ['POST', `/api/v1/findings/${findingOfA}/status`],
      ['GET', '/api/v1/openapi'],
      ['GET', '/api/v1/tokens'],
      ['POST', '/api/v1/tokens'],
      ['DELETE', '/api/v1/tokens/0123456789abcdef'],
    ];
    for (const [method, path] of routes) {
      const { status, body } = await anonymous.json(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? null : '{}',
      });
      expect([method, path, status, body.error]).toEqual([method, path, 401, 'unauthorized']);
    }
    const { status } = await anonymous.json('/api/v1/endpoints', {
      headers: { authorization: 'Bearer svt_0000000000000000.nope' },
    });
    expect(status).toBe(401);
  });

  it("lists the signed-in tenant's endpoints exactly as tenantData reads them, a page at a time", async () => {
    const owner = await signedIn(portal, ownerA);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const { status, body } = await owner.json(`/api/v1/endpoints?limit=2${query}`);
      expect(status).toBe(200);
      const endpoints = body.endpoints as { method: string; host: string; path: string; calls: number }[];
      expect(endpoints.length).toBeLessThanOrEqual(2);
      seen.push(...endpoints.map((e) => `${e.host} ${e.method} ${e.path} ${e.calls}`));
      cursor = body.nextCursor as string | null;
    } while (cursor !== null);
    const expected = (await dataFor(a).inventory.list()).map(
      (e) => `${e.host} ${e.method} ${e.path} ${e.calls}`,
    );
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.every((line) => line.includes(a))).toBe(true);
  });

  it('filters endpoints by host, method and search text', async () => {
    const owner = await signedIn(portal, ownerA);
    const byHost = await owner.json(`/api/v1/endpoints?host=other.api.${a}.example`);
    expect((byHost.body.endpoints as { path: string }[]).map((e) => e.path).sort()).toEqual([
      '/cache',
      '/health',
    ]);
    const byMethod = await owner.json('/api/v1/endpoints?method=post');
    expect(
      (byMethod.body.endpoints as { method: string; path: string }[]).map((e) => `${e.method} ${e.path}`),
    ).toEqual(['POST /orders']);
    const bySearch = await owner.json('/api/v1/endpoints?q=users&limit=1');
    expect((bySearch.body.endpoints as { path: string }[]).map((e) => e.path)).toEqual(['/users/{id}']);
    const bad = await owner.json('/api/v1/endpoints?cursor=not-a-cursor');
    expect([bad.status, bad.body.error]).toEqual([400, 'invalid-cursor']);
    const badLimit = await owner.json('/api/v1/endpoints?limit=5000');
    expect([badLimit.status, badLimit.body.error]).toEqual([400, 'invalid-request']);
  });

  it("answers 404 for another tenant's endpoint and finding, for reads and writes alike", async () => {
    const owner = await signedIn(portal, ownerA);
    expect((await owner.json(`/api/v1/endpoints/${endpointOfB}`)).status).toBe(404);
    expect((await owner.json(`/api/v1/findings/${findingOfB}`)).status).toBe(404);
    const write = await owner.postJson(`/api/v1/findings/${findingOfB}/status`, {
      status: 'resolved',
      reason: 'probe',
    });
    expect([write.status, write.body.error]).toEqual([404, 'not-found']);
    expect((await dataFor(b).findings.get(findingOfB))?.status).toBe('open');
    const list = await owner.json('/api/v1/findings?limit=200');
    expect((list.body.findings as { tenant: string }[]).every((f) => f.tenant === a)).toBe(true);
  });

  it('lets an owner acknowledge a finding with a reason, and refuses a change without one', async () => {
    const owner = await signedIn(portal, ownerA);
    const missing = await owner.postJson(`/api/v1/findings/${findingOfA}/status`, { status: 'acknowledged' });
    expect([missing.status, missing.body.error]).toEqual([400, 'invalid-request']);
    const { status, body } = await owner.postJson(`/api/v1/findings/${findingOfA}/status`, {
      status: 'acknowledged',
      reason: 'known, ticket 12',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: findingOfA,
      status: 'acknowledged',
      statusBy: ownerA,
      statusReason: 'known, ticket 12',
    });
    const again = await owner.postJson(`/api/v1/findings/${findingOfA}/status`, {
      status: 'acknowledged',
      reason: 'twice',
    });
    expect([again.status, again.body.error]).toEqual([409, 'invalid-transition']);
    const read = await owner.json(`/api/v1/findings/${findingOfA}`);
    expect(read.body.history).toEqual([
      expect.objectContaining({ by: 'surveyor', to: 'open', reason: 'detected' }),
      expect.objectContaining({ by: ownerA, from: 'open', to: 'acknowledged', reason: 'known, ticket 12' }),
    ]);
    const acknowledged = await owner.json('/api/v1/findings?status=acknowledged');
    expect((acknowledged.body.findings as { id: string }[]).map((f) => f.id)).toContain(findingOfA);
  });

  it('lets a viewer read but not change findings or create tokens', async () => {
    const viewer = await signedIn(portal, viewerA);
    expect((await viewer.json('/api/v1/findings')).status).toBe(200);
    const open = (await dataFor(a).findings.list('open'))[0]!.id;
    const write = await viewer.postJson(`/api/v1/findings/${open}/status`, {
      status: 'resolved',
      reason: 'viewer',
    });
    expect([write.status, write.body.error]).toEqual([403, 'forbidden']);
    expect((await dataFor(a).findings.get(open))?.status).toBe('open');
    expect((await viewer.postJson('/api/v1/tokens', { name: 'ci', role: 'viewer' })).status).toBe(403);
  });

  it('refuses a cross-site change made with the session cookie', async () => {
    const owner = await signedIn(portal, ownerA);
    const open = (await dataFor(a).findings.list('open'))[0]!.id;
    const { status } = await owner.json(`/api/v1/findings/${open}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ status: 'resolved', reason: 'csrf' }),
    });
    expect(status).toBe(403);
  });

  it('serves the API to a hashed bearer token within its tenant and role, until it is revoked', async () => {
    const owner = await signedIn(portal, ownerA);
    const created = await owner.postJson('/api/v1/tokens', { name: 'ci', role: 'viewer' });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.token as string}` };
    const anonymous = new Session(portal.url);
    const list = await anonymous.json('/api/v1/endpoints', { headers: bearer });
    expect(list.status).toBe(200);
    expect((list.body.endpoints as { host: string }[]).every((e) => e.host.includes(a))).toBe(true);
    expect((await anonymous.json(`/api/v1/endpoints/${endpointOfB}`, { headers: bearer })).status).toBe(404);
    const write = await anonymous.json(`/api/v1/findings/${findingOfA}/status`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'resolved', reason: 'token' }),
    });
    expect(write.status).toBe(403);
    const tokens = await owner.json('/api/v1/tokens');
    expect(JSON.stringify(tokens.body)).not.toContain((created.body.token as string).split('.')[1]);
    const revoked = await owner.fetch(`/api/v1/tokens/${created.body.tokenId as string}`, {
      method: 'DELETE',
    });
    expect(revoked.status).toBe(204);
    expect((await anonymous.json('/api/v1/endpoints', { headers: bearer })).status).toBe(401);
  });

  it('exports only the tenant inventory as OpenAPI 3.1', async () => {
    const owner = await signedIn(portal, ownerA);
    const { status, body } = await owner.json('/api/v1/openapi');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths as object)).toEqual(expect.arrayContaining(['/orders', '/users/{id}']));
    expect(JSON.stringify(body)).not.toContain(b);
  });

  it('drops a removed member at their next request, session or not', async () => {
    const member = `gone@${a}.example`;
    await seedMembers(a, { [member]: 'admin' });
    const session = await signedIn(portal, member);
    expect((await session.json('/api/v1/endpoints')).status).toBe(200);
    await removeMember(accountsTable(), a, member);
    expect((await session.json('/api/v1/endpoints')).status).toBe(401);
  });

  it('rate-limits sign-in after five wrong passwords for one account', async () => {
    const session = new Session(portal.url);
    for (let i = 0; i < 5; i += 1) expect((await session.signIn(ownerB, 'wrong password!')).status).toBe(401);
    const blocked = await session.signIn(ownerB, PASSWORD);
    expect(blocked.status).toBe(401);
    expect(JSON.stringify(await blocked.json())).toContain('TooManyAttempts');
  });

  it('sends security headers and no framework banner', async () => {
    const response = await fetch(`${portal.url}/signin`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
