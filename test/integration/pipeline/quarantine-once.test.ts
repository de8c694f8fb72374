import { describe, it, expect } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiCall } from '#events/api-call.schema';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { deriveSecret, issueIngestKey, type IngestCredential } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { consumeRecords, type ConsumeDeps } from '#shared/ingest/consume';
import type { StreamRecord } from '#shared/ingest/open-records';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';

const MASTER = 'quarantine-once-master';
const { clients, endpoints, names } = localEnv();

/** A document client on DynamoDB Local whose first `times` commands matching `fails` throw first. */
function failingDoc(fails: (name: string, sk: string) => boolean, error: string, times = 1) {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const send = doc.send.bind(doc) as (command: unknown) => Promise<unknown>;
  let left = times;
  (doc as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
    const input = (command as { input: { Key?: { sk?: string }; Item?: { sk?: string } } }).input;
    const sk = input.Key?.sk ?? input.Item?.sk ?? '';
    if (left > 0 && fails((command as object).constructor.name, sk)) {
      left--;
      throw Object.assign(new Error(`injected ${error}`), { name: error, $fault: 'server', $metadata: {} });
    }
    return send(command);
  };
  return doc;
}

function setup(doc: DynamoDBDocumentClient = clients.doc) {
  const tenant = uniqueTenant('qonce');
  const credential = issueIngestKey(MASTER);
  const deps: ConsumeDeps = {
    doc,
    inventoryTable: names.inventoryTable,
    resolveKey: async (keyId) =>
      keyId === credential.keyId ? { tenant, secret: deriveSecret(MASTER, keyId) } : undefined,
    quarantine: bucketQuarantine(),
    // The real clock: claims expire 7 days after it, and DynamoDB Local removes expired items.
    now: () => new Date(),
  };
  return { tenant, credential, deps };
}

let sequence = 3_000_000n;
function record(credential: IngestCredential, idempotencyKey: string, calls: ApiCall[], bad: Quarantined[]) {
  const envelope: IngestEnvelope = {
    sentAt: new Date().toISOString(),
    origin: 's3://logs/q.gz',
    idempotencyKey,
    calls,
    quarantined: bad,
  };
  sequence += 11n;
  return {
    shardId: 'shardId-000000000003',
    sequenceNumber: `4959033827149025660855969253836157109592157598913${sequence}`,
    data: sealEnvelope(envelope, credential),
  } satisfies StreamRecord;
}

const call = (path: string, over: Partial<ApiCall> = {}): ApiCall => ({
  source: 'alb',
  time: '2024-05-01T12:00:00.000Z',
  host: 'q.example.com',
  method: 'GET',
  path,
  status: 200,
  ...over,
});
/** A call the consumer's schema check refuses (a status that is not a number). */
const brokenCall = (path: string): ApiCall => ({ ...call(path), status: 'ok' }) as unknown as ApiCall;
const bad = (line: number): Quarantined => ({
  format: 'alb',
  origin: 's3://logs/q.gz',
  line,
  reason: 'line has too few fields',
  raw: `garbage ${line}`,
});

/** The tenant's stored lines as `line:raw`, sorted: a copy stored twice shows twice. */
async function storedLines(tenant: string): Promise<string[]> {
  return (await quarantinedFor(tenant)).map((q) => `${String(q.line)}:${String(q.raw)}`).sort();
}

async function callsStored(tenant: string): Promise<number> {
  const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);
  return inventory.reduce((n, e) => n + e.calls, 0);
}

describe('quarantine: each line stored and counted once however often it is delivered', () => {
  it('stores and counts the lines of a batch Kinesis delivers twice once, and a rejected record once', async () => {
    const { tenant, credential, deps } = setup();
    const forged = record({ keyId: credential.keyId, secret: 'wrong' }, 'qa#x', [call('/x')], []);
    const batch = [record(credential, 'qa#0', [call('/a/1'), brokenCall('/a/2')], [bad(7), bad(9)]), forged];

    const first = await consumeRecords(batch, deps);
    const again = await consumeRecords(batch, deps);

    expect(first.stats).toMatchObject({ quarantined: 3, rejected: 1 });
    expect(again.stats).toMatchObject({ quarantined: 0, rejected: 0, duplicates: 0, calls: 1 });
    expect(await storedLines(tenant)).toEqual(['2:GET q.example.com/a/2', '7:garbage 7', '9:garbage 9']);
    const rejected = (await quarantinedFor('_unattributed')).filter(
      (q) => q.sequenceNumber === forged.sequenceNumber,
    );
    expect(rejected).toEqual([
      {
        shardId: forged.shardId,
        sequenceNumber: forged.sequenceNumber,
        reason: expect.stringMatching(/bad signature/),
      },
    ]);
    expect(await callsStored(tenant)).toBe(1);
  });

  it('stores and counts a rejected record once when its retry runs after midnight UTC', async () => {
    const { credential, deps } = setup();
    const forged = record({ keyId: credential.keyId, secret: 'wrong' }, 'qr#x', [call('/x')], []);
    const today = new Date();
    const tomorrow = new Date(today.getTime() + 86_400_000);

    const first = await consumeRecords([forged], { ...deps, now: () => today });
    const retried = await consumeRecords([forged], { ...deps, now: () => tomorrow });

    expect(first.stats.rejected).toBe(1);
    expect(retried.stats.rejected).toBe(0);
    const stored = (await quarantinedFor('_unattributed')).filter(
      (q) => q.sequenceNumber === forged.sequenceNumber,
    );
    expect(stored).toEqual([
      { shardId: forged.shardId, sequenceNumber: forged.sequenceNumber, reason: expect.any(String) },
    ]);
  });

  it('stores nothing and counts 0 for a redelivered file (the same envelope in a new record)', async () => {
    const { tenant, credential, deps } = setup();
    await consumeRecords([record(credential, 'qb#0', [call('/b/1')], [bad(3)])], deps);

    const redelivered = await consumeRecords([record(credential, 'qb#0', [call('/b/1')], [bad(3)])], deps);

    expect(redelivered.stats).toMatchObject({ duplicates: 1, quarantined: 0 });
    expect(await storedLines(tenant)).toEqual(['3:garbage 3']);
    expect(await callsStored(tenant)).toBe(1);
  });

  it('after a claim fails once, the retried batch stores and counts every line once and applies its calls', async () => {
    let claims = 0;
    const doc = failingDoc(
      (name, sk) => name === 'PutCommand' && sk.startsWith('IDEM#') && ++claims === 2,
      'InternalServerError',
    );
    const { tenant, credential, deps } = setup(doc);
    const batch = [
      record(credential, 'qc#0', [call('/c/1')], [bad(1)]),
      record(credential, 'qc#1', [call('/c/2')], [bad(2), bad(4)]),
    ];

    await expect(consumeRecords(batch, deps)).rejects.toThrow(/injected/);
    const retry = await consumeRecords(batch, deps);

    expect(claims).toBeGreaterThanOrEqual(2);
    expect(retry.stats).toMatchObject({ quarantined: 3, duplicates: 0, calls: 2 });
    expect(await storedLines(tenant)).toEqual(['1:garbage 1', '2:garbage 2', '4:garbage 4']);
    expect(await callsStored(tenant)).toBe(2);
  });

  it('after a crash between the quarantine write and its mark, the retry rewrites the same object and counts once', async () => {
    const doc = failingDoc(
      (name, sk) => name === 'UpdateCommand' && sk.startsWith('IDEM#'),
      'InternalServerError',
    );
    const { tenant, credential, deps } = setup(doc);
    const batch = [record(credential, 'qd#0', [call('/d/1')], [bad(5), bad(6)])];

    await expect(consumeRecords(batch, deps)).rejects.toThrow(/injected/);
    const written = await storedLines(tenant);
    const retry = await consumeRecords(batch, deps);
    const third = await consumeRecords(batch, deps);

    expect(written).toEqual(['5:garbage 5', '6:garbage 6']);
    expect([retry.stats.quarantined, third.stats.quarantined]).toEqual([2, 0]);
    expect(await storedLines(tenant)).toEqual(['5:garbage 5', '6:garbage 6']);
    expect(await callsStored(tenant)).toBe(1);
  });

  it('stores calls DynamoDB refuses once per record and counts them once when the batch comes again', async () => {
    const doc = failingDoc(
      (name, sk) => name === 'UpdateCommand' && sk.includes('/too-big'),
      'ValidationException',
      Number.POSITIVE_INFINITY,
    );
    const { tenant, credential, deps } = setup(doc);
    const batch = [record(credential, 'qe#0', [call('/ok'), call('/too-big'), call('/too-big')], [])];

    const first = await consumeRecords(batch, deps);
    const again = await consumeRecords(batch, deps);

    expect([first.stats.quarantined, again.stats.quarantined]).toEqual([2, 0]);
    expect([first.batchItemFailures, again.batchItemFailures]).toEqual([[], []]);
    expect(await storedLines(tenant)).toEqual(['2:GET q.example.com/too-big', '3:GET q.example.com/too-big']);
    expect(await callsStored(tenant)).toBe(1);
  });
});
