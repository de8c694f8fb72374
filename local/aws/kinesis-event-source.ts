/**
 * A local Kinesis event source mapping: one poller per shard feeding a Lambda handler the events,
 * checkpoints and retries Lambda would (see kinesis-batch-decision.ts for the rules).
 */
import { DescribeStreamSummaryCommand, ListShardsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { LAMBDA_DEFAULT_POLICY, type RetryPolicy } from './kinesis-batch-decision.ts';
import type { CheckpointStore } from './kinesis-checkpoints.ts';
import type { KinesisStreamEvent } from 'aws-lambda';
import type { LambdaHandler } from './invoke.ts';
import type { OnFailureDestination } from './on-failure-destination.ts';
import { pollShard, type EventSourceStats } from './kinesis-shard-poller.ts';

export type { EventSourceStats } from './kinesis-shard-poller.ts';

export interface KinesisEventSourceOptions {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly handler: LambdaHandler<KinesisStreamEvent>;
  readonly functionName: string;
  readonly region: string;
  readonly checkpoints: CheckpointStore;
  readonly onFailure?: OnFailureDestination;
  /** Lambda's defaults: 100 records, no batching window. */
  readonly batchSize?: number;
  readonly maximumBatchingWindowMs?: number;
  readonly policy?: Partial<RetryPolicy>;
  /** Lambda polls an idle shard about once a second. */
  readonly pollIntervalMs?: number;
  readonly retryDelayMs?: number;
  readonly timeoutMs?: number;
  readonly accountId?: string;
  readonly now?: () => number;
  readonly log?: (message: string) => void;
}

export interface KinesisEventSource {
  stats(): EventSourceStats;
  /** Stops polling; an invocation in flight finishes, a pending retry is abandoned unsaved. */
  stop(): Promise<void>;
  /** Resolves when every shard's poller has ended; rejects if one failed. */
  readonly done: Promise<void>;
}

export class EventSourceConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventSourceConfigError';
  }
}

/** Starts polling every shard of `streamName`, resuming each from its saved checkpoint. */
export async function startKinesisEventSource(
  options: KinesisEventSourceOptions,
): Promise<KinesisEventSource> {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    throw new EventSourceConfigError(`batchSize ${batchSize}: use 1 to 10000`);
  const account = options.accountId ?? '000000000000';
  const summary = await options.kinesis.send(
    new DescribeStreamSummaryCommand({ StreamName: options.streamName }),
  );
  const description = summary.StreamDescriptionSummary;
  const streamArn = description?.StreamARN ?? '';
  const createdAt = description?.StreamCreationTimestamp?.toISOString() ?? '';
  const saved = await options.checkpoints.load({ streamArn, createdAt });
  const shards = await options.kinesis.send(new ListShardsCommand({ StreamName: options.streamName }));
  const abort = new AbortController();
  const stats: EventSourceStats = {
    invocations: 0,
    recordsDelivered: 0,
    recordsSucceeded: 0,
    failures: 0,
    retries: 0,
    bisections: 0,
    recordsDiscarded: 0,
    shards: {},
  };
  const settings = {
    kinesis: options.kinesis,
    streamName: options.streamName,
    identity: {
      streamArn,
      region: options.region,
      invokeIdentityArn: `arn:aws:iam::${account}:role/${options.functionName}-role`,
    },
    handler: options.handler,
    functionName: options.functionName,
    functionArn: `arn:aws:lambda:${options.region}:${account}:function:${options.functionName}`,
    timeoutMs: options.timeoutMs ?? 60_000,
    batchSize,
    maximumBatchingWindowMs: options.maximumBatchingWindowMs ?? 0,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    retryDelayMs: options.retryDelayMs ?? 1000,
    policy: { ...LAMBDA_DEFAULT_POLICY, ...options.policy },
    onFailure: options.onFailure,
    saveCheckpoint: (shardId: string, sequenceNumber: string) =>
      options.checkpoints.save(shardId, sequenceNumber),
    stats,
    signal: abort.signal,
    now: options.now ?? Date.now,
    log: options.log ?? ((message: string) => console.warn(message)),
  };
  const done = Promise.all(
    (shards.Shards ?? []).map((shard) => {
      const id = shard.ShardId ?? '';
      return pollShard(settings, id, saved.get(id));
    }),
  ).then(() => undefined);
  // Callers that never await `done` must still not see an unhandled rejection.
  done.catch((error: unknown) => settings.log(`${options.functionName} poller stopped: ${String(error)}`));
  return {
    stats: () => stats,
    async stop() {
      abort.abort();
      await done.catch(() => undefined);
    },
    done,
  };
}
