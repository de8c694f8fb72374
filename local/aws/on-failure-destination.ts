/**
 * Lambda's S3 on-failure destination for stream sources: records that exhaust their retries or
 * expire are written, whole, to a bucket with the invocation record Lambda would write.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import type { KinesisStreamRecord } from 'aws-lambda';

export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

export interface KinesisFailure {
  readonly condition: FailureCondition;
  readonly shardId: string;
  readonly streamArn: string;
  readonly functionArn: string;
  readonly records: readonly KinesisStreamRecord[];
  /** What the last invocation did wrong; undefined when the records were never invoked. */
  readonly error: string | undefined;
  readonly requestId: string | undefined;
  readonly invokeCount: number;
}

export type OnFailureDestination = (failure: KinesisFailure) => Promise<void>;

/** The object Lambda writes: `invocationRecord(failure, new Date())`. */
export function invocationRecord(failure: KinesisFailure, now: Date): Record<string, unknown> {
  const first = failure.records[0]?.kinesis;
  const last = failure.records.at(-1)?.kinesis;
  const iso = (seconds: number | undefined) =>
    seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
  return {
    requestContext: {
      requestId: failure.requestId ?? randomUUID(),
      functionArn: failure.functionArn,
      condition: failure.condition,
      approximateInvokeCount: failure.invokeCount,
    },
    responseContext:
      failure.error === undefined
        ? undefined
        : { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: now.toISOString(),
    KinesisBatchInfo: {
      shardId: failure.shardId,
      startSequenceNumber: first?.sequenceNumber,
      endSequenceNumber: last?.sequenceNumber,
      approximateArrivalOfFirstRecord: iso(first?.approximateArrivalTimestamp),
      approximateArrivalOfLastRecord: iso(last?.approximateArrivalTimestamp),
      batchSize: failure.records.length,
      streamArn: failure.streamArn,
    },
    // Local addition: Lambda keeps the error in its logs; here it travels with the records.
    errorDescription: failure.error,
    payload: JSON.stringify({ Records: failure.records }),
  };
}

/** Writes each failure to `bucket` under Lambda's key layout `aws/lambda/<mapping>/<shard>/yyyy/mm/dd/...`. */
export function s3OnFailureDestination(
  s3: S3Client,
  bucket: string,
  mappingId: string,
  now: () => Date = () => new Date(),
): OnFailureDestination {
  return async (failure) => {
    const at = now();
    const day = at.toISOString().slice(0, 10).replaceAll('-', '/');
    const stamp = at.toISOString().slice(0, 19).replaceAll(':', '.');
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `aws/lambda/${mappingId}/${failure.shardId}/${day}/${stamp}-${randomUUID()}`,
        Body: JSON.stringify(invocationRecord(failure, at)),
        ContentType: 'application/json',
      }),
    );
  };
}
