/**
 * A DynamoDB stream event source for the local stack, as Lambda's event source mapping runs it:
 * polls every shard of a table's stream (DynamoDB Local serves streams), delivers batches in
 * Lambda's `DynamoDBStreamEvent` shape in order per shard, and retries a failed batch before
 * moving on. Starts at the stream's latest position, like a mapping created with `LATEST`.
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
  /** Lambda's filter criteria: only matching records reach the handler. */
  readonly filter?: (record: DynamoDBRecord) => boolean;
}

export interface DynamoDBStreamSource {
  stats(): { delivered: number; failedBatches: number };
  stop(): Promise<void>;
}

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
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: id,
          ShardIteratorType: first ? 'LATEST' : 'TRIM_HORIZON',
        }),
      );
      iterators.set(id, ShardIterator);
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
          timeoutMs: 60_000,
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

  const pollShards = async (): Promise<void> => {
    for (const [id, iterator] of iterators) {
      if (iterator === undefined || stopped) continue;
      let page;
      try {
        page = await streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: options.batchSize ?? 100 }),
        );
      } catch (error) {
        // An iterator expires after 15 minutes idle, or points at records already trimmed: start the
        // shard again from its latest position, as a restarted event source mapping would.
        if (!RESTARTABLE.has((error as Error).name)) throw error;
        const { ShardIterator } = await streams.send(
          new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: 'LATEST' }),
        );
        iterators.set(id, ShardIterator);
        continue;
      }
      iterators.set(id, page.NextShardIterator);
      const records = (page.Records ?? [])
        .map((r) => toLambdaRecord(r, streamArn, options.region))
        .filter((r) => options.filter === undefined || options.filter(r));
      if (records.length > 0) await deliver(records);
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
    },
  };
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
