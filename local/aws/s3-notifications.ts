/**
 * S3 event notifications to a Lambda handler: s3rver reports each object it stores, and objects
 * created in the watched bucket reach the handler as a real `S3Event`, invoked asynchronously with
 * Lambda's retry behaviour (two retries, then the event is dropped and logged).
 */
import type { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { S3Event } from 'aws-lambda';
import { describeError } from './kinesis-batch-decision.ts';
import { invoke, type LambdaHandler } from './invoke.ts';
import { s3ObjectCreatedEvent } from './s3-event.ts';

export interface S3NotificationOptions {
  readonly bucket: string;
  readonly handler: LambdaHandler<S3Event>;
  readonly functionName: string;
  readonly region: string;
  /** Lambda's asynchronous invocation retries twice. */
  readonly maximumRetryAttempts?: number;
  /** Lambda waits about 1 and then 2 minutes; locally, a few seconds. */
  readonly retryDelaysMs?: readonly number[];
  readonly timeoutMs?: number;
  readonly log?: (message: string) => void;
}

export interface S3NotificationStats {
  invocations: number;
  succeeded: number;
  retries: number;
  /** Events dropped after their last retry failed. */
  dropped: number;
}

export interface S3Notifications {
  stats(): S3NotificationStats;
  /** Resolves once every event received so far has been handled (or dropped). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The record s3rver emits; its key is raw and its sequencer coarse, so we rebuild the event. */
interface S3rverEvent {
  Records: { eventName: string; eventTime: string; s3: { bucket: { name: string }; object: S3rverObject } }[];
}
interface S3rverObject {
  key: string;
  size?: number;
  eTag?: string;
}

/** `attachS3Notifications(servers.s3, { bucket, handler, functionName, region })` */
export function attachS3Notifications(s3rver: EventEmitter, options: S3NotificationOptions): S3Notifications {
  const stats: S3NotificationStats = { invocations: 0, succeeded: 0, retries: 0, dropped: 0 };
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  const maxRetries = options.maximumRetryAttempts ?? 2;
  const delays = options.retryDelaysMs ?? [1000, 2000];
  const log = options.log ?? ((message: string) => console.warn(message));
  let sequence = 0n;

  const deliver = async (event: S3Event): Promise<void> => {
    for (let attempt = 0; !abort.signal.aborted; attempt++) {
      stats.invocations++;
      const outcome = await invoke(options.handler, event, {
        functionName: options.functionName,
        region: options.region,
        timeoutMs: options.timeoutMs ?? 60_000,
      });
      if (outcome.ok) {
        stats.succeeded++;
        return;
      }
      const key = event.Records[0]?.s3.object.key;
      if (attempt >= maxRetries) {
        stats.dropped++;
        log(
          `${options.functionName}: dropped s3://${options.bucket}/${key}: ${describeError(outcome.error)}`,
        );
        return;
      }
      stats.retries++;
      log(
        `${options.functionName}: s3://${options.bucket}/${key} failed, retrying: ${describeError(outcome.error)}`,
      );
      await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 0, undefined, {
        signal: abort.signal,
      }).catch(() => undefined);
    }
  };

  const onEvent = (raw: S3rverEvent) => {
    for (const record of raw.Records) {
      if (record.s3.bucket.name !== options.bucket || !record.eventName.startsWith('ObjectCreated:'))
        continue;
      // S3 sequencers are hex strings that order events per key; a counter keeps that promise.
      sequence++;
      const event = s3ObjectCreatedEvent({
        bucket: options.bucket,
        key: record.s3.object.key,
        size: record.s3.object.size ?? 0,
        eTag: record.s3.object.eTag ?? '',
        sequencer: sequence.toString(16).toUpperCase().padStart(18, '0'),
        region: options.region,
        eventTime: new Date(record.eventTime),
        eventName: record.eventName as 'ObjectCreated:Put',
      });
      const running = deliver(event).finally(() => inFlight.delete(running));
      inFlight.add(running);
    }
  };
  s3rver.on('event', onEvent);

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return {
    stats: () => stats,
    idle,
    async stop() {
      s3rver.off('event', onEvent);
      abort.abort();
      await idle();
    },
  };
}
