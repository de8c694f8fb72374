/**
 * The portal's settings API (issue 10 items 4 and 7, issue 11's integrations page) against `next start`
 * and DynamoDB Local: integrations with "send test" to a local receiver, specs with conformance,
 * rules, the WAF policy export and ingest-key rotation. Every route: 401 without a session, 404
 * for another tenant's ids, 403 for a viewer's writes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { listKeys } from '#shared/onboarding/ingest-keys';
import type { LocalPortal } from '#local/stack/portal';
import { localEnv } from '../local-env.ts';
import { Session, seedTwoTenants, signedIn, startPortal, twoTenants } from './portal-fixture.ts';

let portal: LocalPortal;
let receiver: Server;
let receiverUrl: string;
const received: { headers: Record<string, string>; body: string }[] = [];
const cast = twoTenants('s');
const { a, ownerA, viewerA, ownerB } = cast;
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/surveyor`;
  [portal] = await Promise.all([
    startPortal(),
    seedTwoTenants(cast, ['/orders', '/users/1', '/admin/export'], ['/orders', '/secret-b']),
  ]);
}, 240_000);

afterAll(async () => {
  await portal?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
});

function put(session: Session, path: string, body: string) {
  return session.json(path, { method: 'PUT', headers: { 'content-type': 'application/yaml' }, body });
}

const BROKEN_SPEC = `openapi: 3.0.3
info: { title: Broken, version: '1' }
paths:
  /orders:
    get:
      responses:
        '200': { description: ok }
      parameters:
        - name: id
          in: nowhere
`;

describe('portal settings API (next start, DynamoDB Local)', () => {
  it('answers 401 on every settings route without a session', async () => {
    const anonymous = new Session(portal.url);
    const routes: [string, string][] = [
      ['GET', '/api/v1/integrations'],
      ['POST', '/api/v1/integrations'],
      ['DELETE', '/api/v1/integrations/int_0123456789abcdef'],
      ['POST', '/api/v1/integrations/int_0123456789abcdef/test'],
      ['GET', '/api/v1/specs'],
      ['GET', '/api/v1/specs/shop'],
      ['PUT', '/api/v1/specs/shop'],
      ['DELETE', '/api/v1/specs/shop'],
      ['GET', '/api/v1/rules'],
      ['PUT', '/api/v1/rules'],
      ['GET', '/api/v1/policy/waf?type=shadow-endpoint'],
      ['POST', '/api/v1/ingest-keys/ik_0123456789abcdef/rotate'],
    ];
    for (const [method, path] of routes) {
      const { status, body } = await anonymous.json(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? null : '{}',
      });
      expect([method, path, status, body.error]).toEqual([method, path, 401, 'unauthorized']);
    }
  });

  it('adds a webhook, sends a signed test event to the local receiver, and removes it', async () => {
    const owner = await signedIn(portal, ownerA);
    const added = await owner.postJson('/api/v1/integrations', {
      type: 'webhook',
      url: receiverUrl,
      secret: SECRET,
      name: 'receiver',
    });
    expect(added.status).toBe(201);
    const integration = added.body.integration as { id: string; destination: string; secretHints: string[] };
    expect(integration.secretHints).toEqual([`…${SECRET.slice(-4)}`]);

    const listed = await owner.json('/api/v1/integrations');
    expect(listed.status).toBe(200);
    expect((listed.body.integrations as { id: string }[]).map((i) => i.id)).toContain(integration.id);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET.slice(6, 30));

    const test = await owner.postJson(`/api/v1/integrations/${integration.id}/test`, {});
    expect([test.status, (test.body.outcome as { kind: string }).kind]).toEqual([200, 'delivered']);
    const event = new Webhook(SECRET).verify(received.at(-1)!.body, received.at(-1)!.headers) as {
      type: string;
      data: { test?: boolean; finding: { id: string } };
    };
    expect([event.type, event.data.test]).toEqual(['finding.opened', true]);

    const removed = await owner.fetch(`/api/v1/integrations/${integration.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    const after = await owner.json('/api/v1/integrations');
    expect((after.body.integrations as { id: string }[]).map((i) => i.id)).not.toContain(integration.id);
  });

  it('refuses unsafe and malformed destinations with a message saying why', async () => {
    const owner = await signedIn(portal, ownerA);
    const metadata = await owner.postJson('/api/v1/integrations', {
      type: 'webhook',
      url: 'http://169.254.169.254/latest/meta-data',
    });
    expect([metadata.status, metadata.body.error]).toEqual([400, 'unsafe-destination']);
    const slack = await owner.postJson('/api/v1/integrations', {
      type: 'slack',
      url: 'https://example.com/x',
    });
    expect([slack.status, slack.body.error]).toEqual([400, 'unsafe-destination']);
    const malformed = await owner.postJson('/api/v1/integrations', {
      type: 'pagerduty',
      routingKey: 'short',
    });
    expect([malformed.status, malformed.body.error]).toEqual([400, 'invalid-integration']);
    expect(String(malformed.body.message)).toMatch(/routingKey/);
  });

  it("answers 404 for another tenant's integration and lets a viewer read but not add, test or remove", async () => {
    const owner = await signedIn(portal, ownerA);
    const added = await owner.postJson('/api/v1/integrations', { type: 'webhook', url: receiverUrl });
    expect(added.status).toBe(201);
    expect(added.body.secret).toMatch(/^whsec_/);
    const id = (added.body.integration as { id: string }).id;

    const other = await signedIn(portal, ownerB);
    expect((await other.json('/api/v1/integrations')).body.integrations).toEqual([]);
    const test = await other.postJson(`/api/v1/integrations/${id}/test`, {});
    expect([test.status, test.body.error]).toEqual([404, 'not-found']);
    expect((await other.fetch(`/api/v1/integrations/${id}`, { method: 'DELETE' })).status).toBe(404);

    const viewer = await signedIn(portal, viewerA);
    expect((await viewer.json('/api/v1/integrations')).status).toBe(200);
    const writes = [
      await viewer.postJson('/api/v1/integrations', { type: 'webhook', url: receiverUrl }),
      await viewer.postJson(`/api/v1/integrations/${id}/test`, {}),
      await viewer.json(`/api/v1/integrations/${id}`, { method: 'DELETE' }),
    ];
    expect(writes.map((w) => [w.status, w.body.error])).toEqual([
      [403, 'forbidden'],
      [403, 'forbidden'],
      [403, 'forbidden'],
    ]);
  });

  it('lists specs with conformance per host, and locates the problems of an invalid upload', async () => {
    const owner = await signedIn(portal, ownerA);
    const { status, body } = await owner.json('/api/v1/specs');
    expect(status).toBe(200);
    expect((body.specs as { name: string; operations: number }[]).map((s) => [s.name, s.operations])).toEqual(
      [['shop', 1]],
    );
    const conformance = body.conformance as {
      host: string;
      covered: boolean;
      documented: number;
      shadow: number;
    }[];
    expect(conformance.find((h) => h.host === `api.${a}.example`)).toMatchObject({
      covered: true,
      documented: 1,
    });
    expect(conformance.find((h) => h.host === `api.${a}.example`)!.shadow).toBeGreaterThan(0);
    expect(conformance.find((h) => h.host === `other.api.${a}.example`)?.covered).toBe(false);

    const broken = await put(owner, '/api/v1/specs/broken', BROKEN_SPEC);
    expect([broken.status, broken.body.error]).toEqual([400, 'invalid-spec']);
    const problems = broken.body.problems as { line?: number; pointer?: string }[];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((p) => p.line !== undefined && p.line >= 8)).toBe(true);
    expect((await owner.json('/api/v1/specs/broken')).status).toBe(404);
  });

  it('stores a spec for one tenant only, and refuses a viewer', async () => {
    const owner = await signedIn(portal, ownerA);
    const spec = `openapi: 3.0.3\ninfo: { title: Users, version: '2' }\nservers: [{ url: 'https://api.${a}.example' }]\npaths:\n  /users/{id}:\n    get:\n      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n      responses: { '200': { description: ok } }\n`;
    const stored = await put(owner, '/api/v1/specs/only-a', spec);
    expect(stored.status).toBe(200);
    expect(stored.body.spec).toMatchObject({ name: 'only-a', title: 'Users', operations: 1 });
    expect((await owner.json('/api/v1/specs/only-a')).status).toBe(200);

    const other = await signedIn(portal, ownerB);
    expect((await other.json('/api/v1/specs/only-a')).status).toBe(404);
    expect((await other.fetch('/api/v1/specs/only-a', { method: 'DELETE' })).status).toBe(404);
    expect((await owner.json('/api/v1/specs/only-a')).status).toBe(200);

    const viewer = await signedIn(portal, viewerA);
    expect((await viewer.json('/api/v1/specs')).status).toBe(200);
    expect((await put(viewer, '/api/v1/specs/only-a', spec)).status).toBe(403);
    expect((await viewer.fetch('/api/v1/specs/only-a', { method: 'DELETE' })).status).toBe(403);
    expect((await owner.fetch('/api/v1/specs/only-a', { method: 'DELETE' })).status).toBe(204);
  });

  it('saves valid rules, refuses invalid ones with their line, and keeps them per tenant', async () => {
    const owner = await signedIn(portal, ownerA);
    const invalid = await put(
      owner,
      '/api/v1/rules',
      'rules:\n  - id: admin\n    category: Admin\n    severity: urgent\n    match: { path: /admin/** }\n',
    );
    expect([invalid.status, invalid.body.error]).toEqual([400, 'invalid-rules']);
    expect((invalid.body.problems as { line?: number }[]).map((p) => p.line)).toContain(4);

    const rules =
      'rules:\n  - id: admin\n    category: Admin exports\n    severity: high\n    match: { path: /admin/** }\n';
    const saved = await put(owner, '/api/v1/rules', rules);
    expect(saved.status).toBe(200);
    expect((saved.body.rules as { text: string }).text).toBe(rules);
    expect(((await owner.json('/api/v1/rules')).body.rules as { text: string }).text).toBe(rules);

    const other = await signedIn(portal, ownerB);
    expect((await other.json('/api/v1/rules')).body.rules).toBeNull();
    const viewer = await signedIn(portal, viewerA);
    expect((await viewer.json('/api/v1/rules')).status).toBe(200);
    expect((await put(viewer, '/api/v1/rules', rules)).status).toBe(403);
  });

  it("exports the tenant's own findings of one type as a WAFv2 rule group download", async () => {
    const viewer = await signedIn(portal, viewerA);
    const response = await viewer.fetch('/api/v1/policy/waf?type=shadow-endpoint');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.waf\.json"$/);
    const text = await response.text();
    const group = JSON.parse(text) as { Name: string; Rules: unknown[] };
    expect(group.Name).toBe('surveyor-shadow-endpoint');
    expect(group.Rules.length).toBeGreaterThan(0);
    expect(text).toContain('/admin/export');
    expect(text).not.toContain('secret-b');

    const none = await viewer.json('/api/v1/policy/waf?type=custom:nothing-here');
    expect([none.status, none.body.error]).toEqual([409, 'nothing-to-export']);
    expect((await viewer.json('/api/v1/policy/waf?type=shadow-endpoint&spec=nope')).status).toBe(404);
    expect((await viewer.json('/api/v1/policy/waf')).status).toBe(400);
  });

  it('rotates a forwarder credential once: a new key shown once, the old one revoked', async () => {
    const { clients, names } = localEnv();
    const [old] = await listKeys(clients.doc, names.inventoryTable, a);
    const viewer = await signedIn(portal, viewerA);
    expect((await viewer.postJson(`/api/v1/ingest-keys/${old!.keyId}/rotate`, {})).status).toBe(403);
    const other = await signedIn(portal, ownerB);
    expect((await other.postJson(`/api/v1/ingest-keys/${old!.keyId}/rotate`, {})).status).toBe(404);

    const owner = await signedIn(portal, ownerA);
    const rotated = await owner.postJson(`/api/v1/ingest-keys/${old!.keyId}/rotate`, {});
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({
      revokedKeyId: old!.keyId,
      source: old!.source,
      version: old!.version + 1,
    });
    expect(String(rotated.body.key)).toContain(String(rotated.body.keyId));
    const keys = await listKeys(clients.doc, names.inventoryTable, a);
    expect(keys.find((k) => k.keyId === old!.keyId)?.revokedAt).toBeDefined();
    expect(keys.find((k) => k.keyId === rotated.body.keyId)?.revokedAt).toBeUndefined();
    expect((await owner.postJson(`/api/v1/ingest-keys/${old!.keyId}/rotate`, {})).status).toBe(404);
  });
});
