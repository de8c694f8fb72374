import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { revokeKey } from '#shared/onboarding/ingest-keys';
import type { IntakeServer } from '#local/aws/intake-server';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { drainStream } from '../pipeline/drain-stream.ts';
import { consumeNew, newKey, post, startTestIntake } from './intake-env.ts';
import { quarantinedFor } from '../quarantine-bucket.ts';

const { clients, names } = localEnv();
const checkpoints = new Map<string, string>();
let intake: IntakeServer;

beforeAll(async () => {
  await drainStream(checkpoints); // skip what other tests left on the shared stream
  intake = await startTestIntake();
});
afterAll(() => intake.stop());

function albLines(host: string, n: number, from = 0): string {
  return (
    Array.from(
      { length: n },
      (_, k) =>
        `https 2024-05-01T12:00:${String((from + k) % 60).padStart(2, '0')}.${String(from + k).padStart(6, '0')}Z app/lb/1 203.0.113.9:443 10.0.0.1:80 0.001 0.004 0.001 200 200 10 20 "GET https://${host}:443/v1/orders/${1000 + from + k} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "${host}" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`,
    ).join('\n') + '\n'
  );
}

const callsOf = async (tenant: string) =>
  (await readInventory(clients.doc, names.inventoryTable, tenant)).map(
    (e) => `${e.host} ${e.method} ${e.path} ${e.calls}`,
  );

describe('POST /v1/logs (local intake server, intake-logs handler, Kinesis, consumer)', () => {
  it("accepts a key's lines with 202 and counts, and they reach that tenant's inventory once", async () => {
    const tenant = uniqueTenant('intake');
    const key = await newKey(tenant);
    const body = gzipSync(albLines('shop.example.com', 40) + 'not a log line\n');

    const first = await post(intake.url, body, {
      key,
      query: 'format=alb',
      headers: { 'Content-Encoding': 'gzip' },
    });
    const retried = await post(intake.url, body, {
      key,
      query: 'format=alb',
      headers: { 'Content-Encoding': 'gzip' },
    });
    const consumed = await consumeNew(checkpoints);

    expect(first).toMatchObject({ status: 202, body: { lines: 41, calls: 40, quarantined: 1 } });
    expect(retried.status).toBe(202);
    expect(consumed.duplicates).toBe(consumed.records / 2);
    expect(await callsOf(tenant)).toEqual(['shop.example.com GET /v1/orders/{id} 40']);
    // The retried post's envelopes are duplicates: its bad line is neither stored nor counted again.
    expect(consumed.quarantined).toBe(1);
    expect(await quarantinedFor(tenant)).toEqual([
      expect.objectContaining({ raw: 'not a log line', line: 41, reason: expect.any(String) }),
    ]);
  });

  it('answers 401 to a missing, malformed, unknown or revoked key and stores nothing', async () => {
    const tenant = uniqueTenant('denied');
    const key = await newKey(tenant);
    const revoked = await newKey(tenant, 'old');
    await revokeKey(
      { doc: clients.doc, table: names.inventoryTable, now: () => new Date() },
      tenant,
      revoked.split('.')[0]!,
    );
    const body = albLines('denied.example.com', 5);

    const answers = [
      await post(intake.url, body, { query: 'format=alb' }),
      await post(intake.url, body, { key: 'not-a-key', query: 'format=alb' }),
      await post(intake.url, body, { key: `${key.slice(0, -4)}AAAA`, query: 'format=alb' }),
      await post(intake.url, body, {
        key: 'ik_unknownkey00.abcdefghijklmnopqrstuvwxyz012345',
        query: 'format=alb',
      }),
      await post(intake.url, body, { key: revoked, query: 'format=alb' }),
    ];

    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[0]!.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await drainStream(checkpoints)).toEqual([]);
    expect(await callsOf(tenant)).toEqual([]);
  });

  it('files calls under the key’s tenant whatever tenant a header or the body names', async () => {
    const tenant = uniqueTenant('owner');
    const victim = uniqueTenant('victim');
    const key = await newKey(tenant);
    await newKey(victim);
    const body = JSON.stringify({ tenant: victim }) + '\n' + albLines('owner.example.com', 3);

    const answer = await post(intake.url, body, {
      key,
      query: 'format=alb',
      headers: { 'X-Surveyor-Tenant': victim, 'X-Tenant-Id': victim, Tenant: victim },
    });
    await consumeNew(checkpoints);

    expect(answer).toMatchObject({ status: 202, body: { calls: 3, quarantined: 1 } });
    expect(await callsOf(tenant)).toEqual(['owner.example.com GET /v1/orders/{id} 3']);
    expect(await callsOf(victim)).toEqual([]);
    expect(await quarantinedFor(tenant)).toEqual([
      expect.objectContaining({ tenant, raw: JSON.stringify({ tenant: victim }), line: 1 }),
    ]);
    expect(await quarantinedFor(victim)).toEqual([]);
  });

  it('answers 413 above 4 MiB (below what Lambda takes base64), and for a gzip body that expands past the decoded limit', async () => {
    const key = await newKey(uniqueTenant('big'));
    // 5 MiB: API Gateway passes it, and base64 would take its event past Lambda's 6 MB.
    const oversized = Buffer.alloc(5 * 1024 * 1024, 'a');
    const bomb = gzipSync(Buffer.alloc(101 * 1024 * 1024, '\n'));

    const tooLong = await post(intake.url, oversized, { key, query: 'format=alb' });
    const expanded = await post(intake.url, bomb, {
      key,
      query: 'format=alb',
      headers: { 'Content-Encoding': 'gzip' },
    });

    expect([tooLong.status, expanded.status]).toEqual([413, 413]);
    expect(tooLong.body.message).toMatch(/request body is over 4194304 bytes/);
    expect(expanded.body.message).toMatch(/decompressed body/);
    expect(await drainStream(checkpoints)).toEqual([]);
  });

  it('answers 400 with the reason to an unknown format, query parameter or broken gzip', async () => {
    const key = await newKey(uniqueTenant('bad'));

    const answers = [
      await post(intake.url, 'x\n', { key, query: 'format=syslog' }),
      await post(intake.url, 'x\n', { key, query: 'format=alb&tenant=other' }),
      await post(intake.url, Buffer.from([0x1f, 0x8b, 1, 2, 3]), { key, query: 'format=alb' }),
    ];

    expect(answers.map((a) => [a.status, a.body.message])).toEqual([
      [400, expect.stringMatching(/^format must be one of/)],
      [400, 'unknown query parameter tenant'],
      [400, 'body is not valid gzip'],
    ]);
  });

  it('answers 403 off the intake route, as API Gateway does', async () => {
    const response = await fetch(intake.url.replace('/v1/logs', '/v1/other'), { method: 'POST', body: 'x' });
    expect(response.status).toBe(403);
  });
});
