/**
 * One shard of a local Kinesis event source mapping: read a batch, invoke, then checkpoint, retry,
 * bisect or give up as kinesis-batch-decision.ts decides. One batch at a time per shard, in order,
 * like Lambda with a parallelization factor of 1.
 */
import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetRecordsCommandOutput,
  type KinesisClient,
  type _Record as KinesisRecord,
} from '@aws-sdk/client-kinesis';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { decide, expiredCount, judge, type RetryPolicy } from './kinesis-batch-decision.ts';
import { kinesisStreamEvent, kinesisStreamRecord, type KinesisEventSourceIdentity } from './kinesis-event.ts';
import { invoke, type LambdaHandler } from './invoke.ts';
import type { FailureCondition, OnFailureDestination } from './on-failure-destination.ts';

export interface ShardPollerSettings {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly identity: KinesisEventSourceIdentity;
  readonly handler: LambdaHandler<KinesisStreamEvent>;
  readonly functionName: string;
  readonly functionArn: string;
  readonly timeoutMs: number;
  readonly batchSize: number;
  readonly maximumBatchingWindowMs: number;
  readonly pollIntervalMs: number;
  readonly retryDelayMs: number;
  readonly policy: RetryPolicy;
  readonly onFailure: OnFailureDestination | undefined;
  readonly saveCheckpoint: (shardId: string, sequenceNumber: string) => Promise<void>;
  readonly stats: EventSourceStats;
  readonly signal: AbortSignal;
  readonly now: () => number;
  readonly log: (message: string) => void;
}

export interface EventSourceStats {
  invocations: number;
  /** Records handed to the function, counting each retry again. */
  recordsDelivered: number;
  /** Records checkpointed after the function accepted them. */
  recordsSucceeded: number;
  /** Invocations that threw, timed out or reported failed items. */
  failures: number;
  retries: number;
  bisections: number;
  /** Records sent to the on-failure destination (or dropped when there is none). */
  recordsDiscarded: number;
  /** Per shard: the last checkpoint and whether the last read found the shard empty. */
  shards: Record<string, { checkpoint: string | undefined; caughtUp: boolean }>;
}

/** Polls `shardId` until the signal aborts or the shard closes. */
export async function pollShard(
  s: ShardPollerSettings,
  shardId: string,
  checkpoint: string | undefined,
): Promise<void> {
  const shard: EventSourceStats['shards'][string] = { checkpoint, caughtUp: false };
  s.stats.shards[shardId] = shard;
  const iterator = async () =>
    (
      await s.kinesis.send(
        new GetShardIteratorCommand({
          StreamName: s.streamName,
          ShardId: shardId,
          ...(shard.checkpoint === undefined
            ? { ShardIteratorType: 'TRIM_HORIZON' }
            : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: shard.checkpoint }),
        }),
      )
    ).ShardIterator;
  const checkpointAt = async (record: KinesisStreamRecord) => {
    shard.checkpoint = record.kinesis.sequenceNumber;
    await s.saveCheckpoint(shardId, shard.checkpoint);
  };
  const discard = async (records: KinesisStreamRecord[], condition: FailureCondition, why: Why) => {
    s.stats.recordsDiscarded += records.length;
    s.log(`${shardId}: ${records.length} record(s) to the on-failure destination (${condition})`);
    await s.onFailure?.({
      condition,
      shardId,
      streamArn: s.identity.streamArn,
      functionArn: s.functionArn,
      records,
      ...why,
    });
    await checkpointAt(records.at(-1) as KinesisStreamRecord);
  };
  const deliver = async (records: KinesisStreamRecord[], retries: number): Promise<void> => {
    const arrivals = records.map((r) => r.kinesis.approximateArrivalTimestamp * 1000);
    const expired = expiredCount(arrivals, s.now(), s.policy.maximumRecordAgeSeconds);
    if (expired > 0) {
      const why = { error: undefined, requestId: undefined, invokeCount: retries };
      await discard(records.slice(0, expired), 'RecordAgeExceeded', why);
      records = records.slice(expired);
    }
    if (records.length === 0 || s.signal.aborted) return;
    s.stats.invocations++;
    s.stats.recordsDelivered += records.length;
    const outcome = await invoke(s.handler, kinesisStreamEvent(records), {
      functionName: s.functionName,
      region: s.identity.region,
      timeoutMs: s.timeoutMs,
    });
    const sequenceNumbers = records.map((r) => r.kinesis.sequenceNumber);
    const verdict = judge(outcome, sequenceNumbers, s.policy.reportBatchItemFailures);
    const decision = decide(verdict, records.length, retries, s.policy);
    if (verdict.kind !== 'success') {
      s.stats.failures++;
      const reason = verdict.kind === 'failure' ? verdict.reason : `item ${verdict.firstFailed} failed`;
      s.log(`${s.functionName} ${shardId}: ${reason} -> ${decision.kind}`);
    }
    const from = decision.kind === 'retry' || decision.kind === 'give-up' ? decision.from : 0;
    if (from > 0) {
      s.stats.recordsSucceeded += from;
      await checkpointAt(records[from - 1] as KinesisStreamRecord);
    }
    switch (decision.kind) {
      case 'done':
        s.stats.recordsSucceeded += records.length;
        return checkpointAt(records.at(-1) as KinesisStreamRecord);
      case 'bisect':
        s.stats.bisections++;
        await deliver(records.slice(0, decision.at), retries);
        return deliver(records.slice(decision.at), retries);
      case 'retry':
        s.stats.retries++;
        await sleep(s.retryDelayMs, undefined, { signal: s.signal }).catch(() => undefined);
        // Stopped mid-retry: nothing is checkpointed, so the records come back after a restart.
        if (s.signal.aborted) return;
        return deliver(records.slice(from), decision.retries);
      case 'give-up': {
        const error = verdict.kind === 'failure' ? verdict.reason : 'ReportedBatchItemFailures';
        const why = { error, requestId: outcome.requestId, invokeCount: retries + 1 };
        return discard(records.slice(from), 'RetryAttemptsExhausted', why);
      }
    }
  };

  let position = await iterator();
  while (position !== undefined && !s.signal.aborted) {
    let batch: KinesisRecord[];
    try {
      ({ batch, position } = await readBatch(s, position));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException)) throw error;
      position = await iterator();
      continue;
    }
    shard.caughtUp = batch.length === 0;
    if (batch.length === 0) {
      await sleep(s.pollIntervalMs, undefined, { signal: s.signal }).catch(() => undefined);
      continue;
    }
    await deliver(
      batch.map((r) => kinesisStreamRecord(r, shardId, s.identity)),
      0,
    );
  }
}

type Why = { error: string | undefined; requestId: string | undefined; invokeCount: number };

/** GetRecords until `batchSize` records or the batching window closes (one read when it is 0). */
async function readBatch(
  s: ShardPollerSettings,
  start: string,
): Promise<{ batch: KinesisRecord[]; position: string | undefined }> {
  const batch: KinesisRecord[] = [];
  const deadline = s.now() + s.maximumBatchingWindowMs;
  let position: string | undefined = start;
  while (position !== undefined) {
    const page: GetRecordsCommandOutput = await s.kinesis.send(
      new GetRecordsCommand({ ShardIterator: position, Limit: s.batchSize - batch.length }),
    );
    batch.push(...(page.Records ?? []));
    position = page.NextShardIterator;
    const left = deadline - s.now();
    if (batch.length >= s.batchSize || left <= 0 || s.signal.aborted) break;
    if ((page.Records ?? []).length === 0)
      await sleep(Math.min(left, 100), undefined, { signal: s.signal }).catch(() => undefined);
  }
  return { batch, position };
}
