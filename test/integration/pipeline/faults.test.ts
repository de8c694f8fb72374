import { describe, it, expect } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  KinesisClient,
  PutRecordsCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ApiCall } from '#events/api-call.schema';
import { deriveSecret, issueIngestKey } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { consumeRecords, type ConsumeDeps } from '#shared/ingest/consume';
import { putAllRecords } from '#shared/ingest/forward/put-records';
import { shipParsedLog } from '#shared/ingest/forward/ship-log';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';

const { endpoints, names, clients } = localEnv();
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Fails the first `count` commands named `name` with a retryable AWS server error. */
function injectFaults(
  client: DynamoDBClient | KinesisClient,
  name: string,
  count: number,
  error: string,
): void {
  let left = count;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === name && left > 0) {
        left--;
        throw Object.assign(new Error(`injected ${error}`), {
          name: error,
          $fault: 'server',
          $metadata: { httpStatusCode: 500 },
        });
      }
      return next(args);
    },
    { step: 'initialize', name: `inject-${name}` },
  );
}

describe('faults from DynamoDB and Kinesis are retried without loss', () => {
  it('reports throttled aggregates as batch item failures, and the retry completes the counts exactly', async () => {
    const dynamodb = new DynamoDBClient({
      endpoint: endpoints.dynamodb,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    injectFaults(dynamodb, 'UpdateItemCommand', 3, 'ProvisionedThroughputExceededException');
    const doc = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    const tenant = uniqueTenant('throttled');
    const key = issueIngestKey('m');
    const deps: ConsumeDeps = {
      doc,
      inventoryTable: names.inventoryTable,
      resolveKey: async (k) => (k === key.keyId ? { tenant, secret: deriveSecret('m', k) } : undefined),
      quarantine: bucketQuarantine(),
      now: () => new Date(),
    };
    const calls: ApiCall[] = ['/a/1', '/b/2', '/c/3', '/d/4'].map((path) => ({
      source: 'alb',
      time: '2024-05-01T00:00:00.000Z',
      host: 'h.example.com',
      method: 'GET',
      path,
      status: 200,
    }));
    const records = calls.map((call, i) => ({
      shardId: 'shardId-000000000001',
      sequenceNumber: `4959033827149025660855969253836157109592157598914${1000 + i}`,
      data: sealEnvelope(
        {
          sentAt: new Date().toISOString(),
          origin: 'x',
          idempotencyKey: `${tenant}#${i}`,
          calls: [call],
          quarantined: [],
        },
        key,
      ),
    }));

    const first = await consumeRecords(records, deps);
    expect(first.batchItemFailures.length).toBeGreaterThan(0);
    // Lambda retries from the lowest failed record; redelivering the whole batch is the harder case.
    let result = first;
    for (let i = 0; i < 5 && result.batchItemFailures.length > 0; i++)
      result = await consumeRecords(records, deps);

    expect(result.batchItemFailures).toEqual([]);
    const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);
    expect(inventory.map((e) => [e.path, e.calls])).toEqual([
      ['/a/{id}', 1],
      ['/b/{id}', 1],
      ['/c/{id}', 1],
      ['/d/{id}', 1],
    ]);
    expect(await quarantinedFor(tenant)).toEqual([]); // throttling is retried, never quarantined
  });

  it('retries a failed PutRecords request whole, then only the entries Kinesis reported failed', async () => {
    const kinesis = new KinesisClient({
      endpoint: endpoints.kinesis,
      region: 'us-east-1',
      credentials,
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
    const stream = `${names.stream}-faults`;
    await kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
    for (let i = 0; i < 50; i++) {
      const s = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
      if (s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // kinesalite never fails single entries: a wrapper plays Kinesis failing the first request with
    // a 5xx and then reporting two throttled entries, which are not stored, as Kinesis does.
    const attempts: string[][] = [];
    const realSend = kinesis.send.bind(kinesis) as (command: unknown) => Promise<unknown>;
    (kinesis as unknown as { send: (c: unknown) => Promise<unknown> }).send = async (command) => {
      if (!(command instanceof PutRecordsCommand)) return realSend(command);
      const entries = command.input.Records!;
      attempts.push(entries.map((e) => Buffer.from(e.Data!).toString()));
      if (attempts.length === 1) throw Object.assign(new Error('injected'), { name: 'InternalFailure' });
      if (attempts.length === 2) {
        await realSend(new PutRecordsCommand({ StreamName: stream, Records: entries.slice(2) }));
        return {
          FailedRecordCount: 2,
          Records: entries.map((_, i) =>
            i < 2
              ? { ErrorCode: 'ProvisionedThroughputExceededException' }
              : { SequenceNumber: '1', ShardId: 's' },
          ),
        };
      }
      return realSend(command);
    };
    const records = Array.from({ length: 10 }, (_, i) => ({
      data: Buffer.from(`record-${i}`),
      partitionKey: `p${i}`,
    }));

    await putAllRecords(kinesis, stream, records, { sleep: async () => undefined });

    expect(attempts.map((a) => a.length)).toEqual([10, 10, 2]);
    expect(attempts[2]).toEqual(['record-0', 'record-1']);
    const shard = (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards![0]!;
    const iterator = (
      await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: stream,
          ShardId: shard.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    const stored = (await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }))).Records!.map(
      (r) => Buffer.from(r.Data!).toString(),
    );
    expect(stored.sort()).toEqual(records.map((r) => r.data.toString()).sort());
  });

  it('throws rather than losing records when retries run out', async () => {
    const kinesis = new KinesisClient({
      endpoint: endpoints.kinesis,
      region: 'us-east-1',
      credentials,
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
    injectFaults(kinesis, 'PutRecordsCommand', 100, 'InternalFailure');
    await expect(
      putAllRecords(kinesis, `${names.stream}-faults`, [{ data: Buffer.from('x'), partitionKey: 'p' }], {
        maxAttempts: 3,
        sleep: async () => undefined,
      }),
    ).rejects.toThrow(/1 records could not be put to Kinesis after retries \(last error: InternalFailure\)/);
  });

  it('keeps at most maxInFlight PutRecords requests out while parsing goes on, and loses no record', async () => {
    const kinesis = new KinesisClient({
      endpoint: endpoints.kinesis,
      region: 'us-east-1',
      credentials,
      requestHandler: new NodeHttpHandler(),
    });
    const stream = `${names.stream}-inflight`;
    await kinesis.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
    for (let i = 0; i < 50; i++) {
      const s = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
      if (s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    let out = 0;
    let most = 0;
    const realSend = kinesis.send.bind(kinesis) as (command: unknown) => Promise<unknown>;
    (kinesis as unknown as { send: (c: unknown) => Promise<unknown> }).send = async (command) => {
      if (!(command instanceof PutRecordsCommand)) return realSend(command);
      most = Math.max(most, ++out);
      // Slow answers, so that requests overlap if the forwarder lets them.
      await new Promise((r) => setTimeout(r, 30));
      try {
        return await realSend(command);
      } finally {
        out--;
      }
    };
    // 12,000 calls of ~1.1 KiB: ~13 MiB of records, so at least three 5 MiB requests.
    const calls: ApiCall[] = Array.from({ length: 12_000 }, (_, i) => ({
      source: 'alb',
      time: '2024-05-01T00:00:00.000Z',
      host: `h${i % 60}.example.com`,
      method: 'GET',
      path: `/${'x'.repeat(1000)}/${i}`,
      status: 200,
    }));
    async function* batches() {
      for (let i = 0; i < calls.length; i += 1000)
        yield { calls: calls.slice(i, i + 1000), quarantined: [], lines: 1000 };
    }

    const stats = await shipParsedLog(batches(), 'test://inflight', 'test://inflight#1', {
      kinesis,
      streamName: stream,
      credential: issueIngestKey('m'),
      now: () => new Date(),
      maxInFlight: 3,
    });

    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
    const shard = (await kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards![0]!;
    let iterator = (
      await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: stream,
          ShardId: shard.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    let stored = 0;
    for (let i = 0; i < 20 && iterator !== undefined; i++) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
      if ((page.Records ?? []).length === 0) break;
      stored += page.Records!.length;
      iterator = page.NextShardIterator;
    }
    expect(stored).toBe(stats.records);
    expect(stats.calls).toBe(12_000);
  });
});
