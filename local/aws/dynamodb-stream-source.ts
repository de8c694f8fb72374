/**
 * A DynamoDB stream event source for the local stack, as Lambda's event source mapping runs it:
 * polls every shard of a table's stream (DynamoDB Local serves streams), delivers batches in
 * Lambda's `DynamoDBStreamEvent` shape in order per shard, and retries a failed batch before
 * moving on. Starts at the stream's latest position, like a mapping created with `LATEST`, and
 * can hold records back for a batching window and filter them, like a mapping's filter criteria.
 */
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { invoke, type LambdaHandler } from './invoke.ts';
import { describeError } from './kinesis-batch-decision.ts';

export interface DynamoDBStreamSourceOptions {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tableName: string;
  readonly handler: LambdaHandler<DynamoDBStreamEvent>;
  readonly functionName: string;
  readonly region: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /** Attempts per batch before it is logged and skipped (Lambda would retry until the record expires). */
  readonly attempts?: number;
  readonly log?: (message: string) => void;
  /** The function's timeout (Lambda's context deadline). */
  readonly timeoutMs?: number;
  /** Lambda's MaximumBatchingWindowInSeconds: records gather this long (or up to batchSize) first. */
  readonly maximumBatchingWindowMs?: number;
  /** Lambda's filter criteria: only matching records reach the handler. */
  readonly filter?: (record: DynamoDBRecord) => boolean;
}

export interface DynamoDBStreamSource {
  stats(): { delivered: number; failedBatches: number };
  stop(): Promise<void>;
}

/** Stands for "a fresh TRIM_HORIZON iterator at each poll": the shard had no records yet. */
const FROM_START = 'surveyor:from-start';

const RESTARTABLE = new Set(['ExpiredIteratorException', 'TrimmedDataAccessException']);

/** Shards are rediscovered this often: DynamoDB splits and rolls them over time. */
const DESCRIBE_EVERY_MS = 5_000;

export async function startDynamoDBStreamSource(
  options: DynamoDBStreamSourceOptions,
): Promise<DynamoDBStreamSource> {
  const { streams, log = console.warn } = options;
  const table = await options.dynamodb.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (streamArn === undefined) throw new Error(`${options.tableName} has no stream`);
  const iterators = new Map<string, string | undefined>();
  let delivered = 0;
  let failedBatches = 0;
  let stopped = false;

  const trimHorizon = async (shardId: string): Promise<string | undefined> =>
    (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;

  const discover = async (first: boolean): Promise<void> => {
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of described.StreamDescription?.Shards ?? []) {
      const id = shard.ShardId!;
      if (iterators.has(id)) continue;
      // Shards that exist at start begin at their end; shards born later from their start.
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      if (first && closed) {
        iterators.set(id, undefined);
        continue;
      }
      // DynamoDB Local's iterators taken while a shard is still empty never see its first records,
      // so LATEST is played by reading past what the shard holds now, and an empty (or new) shard
      // is read from a fresh TRIM_HORIZON iterator until it has records.
      if (!first) {
        iterators.set(id, FROM_START);
        continue;
      }
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      iterators.set(id, await skipToEnd(streams, ShardIterator));
    }
  };

  const deliver = async (records: DynamoDBRecord[]): Promise<void> => {
    const attempts = options.attempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await invoke(
        options.handler,
        { Records: records },
        {
          functionName: options.functionName,
          region: options.region,
          timeoutMs: options.timeoutMs ?? 60_000,
        },
      );
      if (outcome.ok) {
        delivered += records.length;
        return;
      }
      log(`${options.functionName} attempt ${attempt} failed: ${describeError(outcome.error)}`);
    }
    failedBatches++;
  };

  // Records read but held back by the batching window, per shard, with when the first arrived.
  const pending = new Map<string, { records: DynamoDBRecord[]; since: number }>();
  const batchSize = options.batchSize ?? 100;
  const flushDue = async (id: string): Promise<void> => {
    const held = pending.get(id);
    if (held === undefined) return;
    const window = options.maximumBatchingWindowMs ?? 0;
    if (held.records.length < batchSize && Date.now() - held.since < window && !stopped) return;
    pending.delete(id);
    await deliver(held.records);
  };

  const pollShards = async (): Promise<void> => {
    for (const [id, iterator] of iterators) {
      if (iterator === undefined || stopped) {
        if (iterator === undefined) await flushDue(id); // a closed shard's last records
        continue;
      }
      let page;
      try {
        const limit = batchSize - (pending.get(id)?.records.length ?? 0);
        if (iterator === FROM_START) {
          const fresh = await streams.send(
            new GetShardIteratorCommand({
              StreamArn: streamArn,
              ShardId: id,
              ShardIteratorType: 'TRIM_HORIZON',
            }),
          );
          // Read once with the fresh iterator (never reused): an empty page keeps the shard waiting.
          page = await streams.send(
            new GetRecordsCommand({ ShardIterator: fresh.ShardIterator, Limit: limit }),
          );
          if ((page.Records ?? []).length === 0) continue;
        } else {
          page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));
        }
      } catch (error) {
        // An iterator expires after 15 minutes idle, or points at records already trimmed: start the
        // shard again from its latest position, as a restarted event source mapping would.
        if (!RESTARTABLE.has((error as Error).name)) throw error;
        // A shard still waiting for its first records just tries again at the next poll.
        if (iterator === FROM_START) continue;
        log(`${options.functionName}: ${(error as Error).name} on ${id}; restarting at its latest position`);
        iterators.set(id, await skipToEnd(streams, await trimHorizon(id)));
        continue;
      }
      iterators.set(id, page.NextShardIterator);
      const records = (page.Records ?? [])
        .map((r) => toLambdaRecord(r, streamArn, options.region))
        .filter((r) => options.filter === undefined || options.filter(r));
      if (records.length > 0) {
        const held = pending.get(id) ?? { records: [], since: Date.now() };
        held.records.push(...records);
        pending.set(id, held);
      }
      await flushDue(id);
    }
  };

  await discover(true);
  let lastDescribe = Date.now();
  const loop = (async () => {
    while (!stopped) {
      try {
        if (Date.now() - lastDescribe > DESCRIBE_EVERY_MS) {
          await discover(false);
          lastDescribe = Date.now();
        }
        await pollShards();
      } catch (error) {
        if (!stopped) log(`${options.functionName} stream poll failed: ${describeError(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 250));
    }
  })();

  return {
    stats: () => ({ delivered, failedBatches }),
    async stop() {
      stopped = true;
      await loop;
      for (const id of [...pending.keys()]) await flushDue(id);
    },
  };
}

/** An iterator just past the shard's current last record (pages until one comes back empty). */
async function skipToEnd(
  streams: DynamoDBStreamsClient,
  iterator: string | undefined,
): Promise<string | undefined> {
  let current = iterator;
  let skipped = 0;
  while (current !== undefined) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: current, Limit: 1000 }));
    const count = (page.Records ?? []).length;
    if (count === 0) return skipped === 0 ? FROM_START : (page.NextShardIterator ?? current);
    skipped += count;
    current = page.NextShardIterator;
  }
  return current;
}

/** The SDK's record as Lambda delivers it: creation time in epoch seconds, source fields set. */
function toLambdaRecord(record: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  const d = record.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(d as Record<string, unknown>),
      ...(created !== undefined && {
        ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000),
      }),
    },
  } as DynamoDBRecord;
}
