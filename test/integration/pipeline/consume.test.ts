import { describe, it, expect } from '@jest/globals';
import type { ApiCall } from '#events/api-call.schema';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import { deriveSecret, issueIngestKey, type IngestCredential } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { consumeRecords, type ConsumeDeps } from '#shared/ingest/consume';
import type { QuarantineObject } from '#shared/ingest/quarantine-store';
import type { StreamRecord } from '#shared/ingest/open-records';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { applyItemDelta } from '#shared/inventory/store/apply-delta';
import { CALL_DAYS, callsByDay, endpointDelta, endpointKey } from '#shared/inventory/store/endpoint-item';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { localEnv, uniqueTenant } from '../local-env.ts';

const MASTER = 'integration-master-secret';
const { clients, names } = localEnv();

function setup() {
  const tenants = new Map<string, string>();
  const quarantined: QuarantineObject[] = [];
  const deps: ConsumeDeps = {
    doc: clients.doc,
    inventoryTable: names.inventoryTable,
    resolveKey: async (keyId) => {
      const tenant = tenants.get(keyId);
      return tenant === undefined ? undefined : { tenant, secret: deriveSecret(MASTER, keyId) };
    },
    quarantine: async (entries) => {
      quarantined.push(...entries);
      return entries.map(() => true);
    },
    // The real clock: idempotency markers expire 7 days after `now`, and DynamoDB Local deletes
    // expired items within seconds, so a clock in the past would let a duplicate through.
    now: () => new Date(),
  };
  const onboard = (tenant: string): IngestCredential => {
    const credential = issueIngestKey(MASTER);
    tenants.set(credential.keyId, tenant);
    return credential;
  };
  return { deps, onboard, quarantined };
}

let sequence = 1_000_000n;
function record(
  credential: IngestCredential,
  calls: ApiCall[],
  idempotencyKey: string,
  shardId = 'shardId-000000000000',
): StreamRecord {
  const envelope: IngestEnvelope = {
    // Signed now: the consumer refuses envelopes older than its idempotency window.
    sentAt: new Date().toISOString(),
    origin: 's3://logs/x.gz',
    idempotencyKey,
    calls,
    quarantined: [],
  };
  sequence += 7n;
  return {
    shardId,
    sequenceNumber: `4959033827149025660855969253836157109592157598913${sequence}`,
    data: sealEnvelope(envelope, credential),
  };
}

function calls(paths: string[], over: Partial<ApiCall> = {}): ApiCall[] {
  return paths.map((path, i) => ({
    source: 'alb',
    time: `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.000Z`,
    host: 'api.example.com',
    method: 'GET',
    path,
    status: 200,
    clientIp: `198.51.100.${i % 250}`,
    latencyMs: 5,
    ...over,
  }));
}

describe('consumer: Kinesis records to the DynamoDB inventory', () => {
  it('stores templated endpoints with their counts and reports new endpoints once', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('acme');
    const key = onboard(tenant);
    const batch = [record(key, calls(['/users/1', '/users/2', '/users/3', '/health']), 'file-a#0')];

    const result = await consumeRecords(batch, deps);

    expect(result.batchItemFailures).toEqual([]);
    expect(result.newEndpoints.map((e) => e.path).sort()).toEqual(['/health', '/users/{id}']);
    const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);
    expect(inventory.map((e) => [e.path, e.calls, e.clients])).toEqual([
      ['/health', 1, 1],
      ['/users/{id}', 3, 3],
    ]);
  });

  it('changes no count when Kinesis redelivers the same batch', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('replay');
    const key = onboard(tenant);
    const batch = [
      record(key, calls(['/orders/1', '/orders/2']), 'file-b#0'),
      record(key, calls(['/orders/3']), 'file-b#1'),
    ];
    await consumeRecords(batch, deps);
    const before = await readInventory(clients.doc, names.inventoryTable, tenant);

    const again = await consumeRecords(batch, deps);

    expect(again.batchItemFailures).toEqual([]);
    expect(again.newEndpoints).toEqual([]);
    expect(await readInventory(clients.doc, names.inventoryTable, tenant)).toEqual(before);
    expect(before[0]!.calls).toBe(3);
  });

  it('applies a source duplicate (same file delivered twice, new records) only once', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('dup');
    const key = onboard(tenant);
    await consumeRecords([record(key, calls(['/items/9']), 'file-c#0')], deps);

    const result = await consumeRecords([record(key, calls(['/items/9']), 'file-c#0')], deps);

    expect(result.stats.duplicates).toBe(1);
    expect((await readInventory(clients.doc, names.inventoryTable, tenant))[0]!.calls).toBe(1);
  });

  it("files a spoofing forwarder's calls under the tenant of its credential, not the one it claims", async () => {
    const { deps, onboard } = setup();
    const attacker = uniqueTenant('attacker');
    const victim = uniqueTenant('victim');
    const key = onboard(attacker);

    await consumeRecords([record(key, calls(['/admin/1'], { tenant: victim }), 'file-d#0')], deps);

    expect(await readInventory(clients.doc, names.inventoryTable, victim)).toEqual([]);
    expect((await readInventory(clients.doc, names.inventoryTable, attacker)).map((e) => e.path)).toEqual([
      '/admin/{id}',
    ]);
  });

  it('rejects and quarantines records with a bad signature or an unknown key, storing nothing', async () => {
    const { deps, onboard, quarantined } = setup();
    const tenant = uniqueTenant('forged');
    const key = onboard(tenant);
    const forged = record({ keyId: key.keyId, secret: 'not-the-secret' }, calls(['/x/1']), 'file-e#0');
    const unknown = record(issueIngestKey('other-master'), calls(['/x/2']), 'file-e#1');

    const result = await consumeRecords([forged, unknown], deps);

    expect(result.stats.rejected).toBe(2);
    expect(result.batchItemFailures).toEqual([]);
    expect(quarantined.flatMap((q) => q.lines.map((l) => [q.tenant, l.reason]))).toEqual([
      ['_unattributed', expect.stringMatching(/bad signature/)],
      ['_unattributed', expect.stringMatching(/unknown or revoked/)],
    ]);
    expect(await readInventory(clients.doc, names.inventoryTable, tenant)).toEqual([]);
  });

  it('moves stored endpoints when later traffic merges their templates', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('merge');
    const key = onboard(tenant);
    await consumeRecords([record(key, calls(['/profiles/jane.doe', '/profiles/mike_92']), 'f#0')], deps);
    expect((await readInventory(clients.doc, names.inventoryTable, tenant)).length).toBe(2);

    await consumeRecords([record(key, calls(['/profiles/octocat']), 'f#1')], deps);

    const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);
    expect(inventory.map((e) => [e.path, e.calls])).toEqual([['/profiles/{param}', 3]]);
  });

  it('folds an item another shard wrote before it saw a merge into the merged template when read', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('late');
    const key = onboard(tenant);
    await consumeRecords(
      [record(key, calls(['/profiles/jane.doe', '/profiles/mike_92', '/profiles/octocat']), 'g#0')],
      deps,
    );
    const stale = { tenant, host: 'api.example.com', method: 'GET', template: '/profiles/zed.k' };
    await applyItemDelta(
      clients.doc,
      names.inventoryTable,
      endpointDelta(stale, calls(['/profiles/zed.k']), 'now'),
      {
        shardId: 'shardId-000000000009',
        firstSequence: '1',
        lastSequence: '1',
      },
    );

    const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);

    expect(inventory.map((e) => [e.path, e.calls])).toEqual([['/profiles/{param}', 4]]);
  });

  it('counts calls per day once per record range, and keeps only the last 30 days', async () => {
    const tenant = uniqueTenant('daily');
    const id = { tenant, host: 'api.example.com', method: 'GET', template: '/daily' };
    const at = (day: string) => calls(['/daily'], { time: `${day}T08:00:00.000Z` })[0]!;
    const range = (n: number) => ({
      shardId: 'shardId-000000000003',
      firstSequence: `${n}`,
      lastSequence: `${n}`,
    });
    const apply = (batch: ApiCall[], n: number) =>
      applyItemDelta(clients.doc, names.inventoryTable, endpointDelta(id, batch, 'now'), range(n));
    const stored = async () =>
      (
        await clients.doc.send(
          new GetCommand({ TableName: names.inventoryTable, Key: endpointKey(id), ConsistentRead: true }),
        )
      ).Item!;

    await apply([at('2026-10-01'), at('2026-10-01'), at('2026-10-02')], 1);
    expect(await apply([at('2026-10-01'), at('2026-10-01'), at('2026-10-02')], 1)).toEqual({
      kind: 'duplicate',
    });
    expect(callsByDay(await stored())).toEqual([
      { day: '2026-10-01', calls: 2 },
      { day: '2026-10-02', calls: 1 },
    ]);

    await apply([at('2026-10-31')], 2);
    expect(callsByDay(await stored()).map((d) => d.day)).toEqual(['2026-10-02', '2026-10-31']);
    await apply([at('2026-12-01')], 3);

    const item = await stored();
    expect(callsByDay(item)).toEqual([{ day: '2026-12-01', calls: 1 }]);
    expect(item.calls).toBe(5);
    expect(CALL_DAYS).toBe(30);
  });
});
