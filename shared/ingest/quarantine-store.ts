/**
 * Keeps what the pipeline could not use, with its reason, as JSON lines in the quarantine bucket:
 * `quarantine/<tenant>/<yyyy-mm-dd>/<hash of what it holds>.jsonl`, or
 * `quarantine/_unattributed/<hash>.jsonl` for records that failed verification (no claim fixes
 * their day, so none is in the key). The key is derived from the object's source (envelope,
 * record), never random, so a retried batch rewrites the same object instead of adding a copy.
 * Records that failed their signature are stored without their content: an unauthenticated sender
 * gets no storage.
 */
import { createHash } from 'node:crypto';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Quarantined } from '#events/quarantine.schema';

/** Objects written at once: a batch of forged records must not open thousands of requests. */
const CONCURRENCY = 8;

/** One object of the quarantine bucket; the same source always maps to the same key. */
export interface QuarantineObject {
  /** The tenant, or `_unattributed` (not a tenant id) for records that failed verification. */
  readonly tenant: string;
  /** The UTC day it is filed under (`2026-12-02`), fixed at the source's first claim; none without a claim. */
  readonly day?: string;
  /** What it holds, stable across retries: `envelope:<idempotency key>`, `rejected:<shard>/<seq>`... */
  readonly source: string;
  readonly lines: readonly (Quarantined | RejectedRecord)[];
  /**
   * Written only when no attempt wrote it yet (a read first): for sources with no claim to mark,
   * the object itself tells a retry that it was stored and counted.
   */
  readonly ifAbsent?: boolean;
}

/** A record rejected as a whole: its position and reason, never its content. */
export interface RejectedRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly reason: string;
}

/**
 * Where the consumer keeps quarantine objects (S3 in AWS and locally); answers, per object, whether
 * this call wrote it (false only for an `ifAbsent` object an earlier attempt wrote).
 */
export type QuarantineWriter = (objects: readonly QuarantineObject[]) => Promise<boolean[]>;

/** `quarantine/acme/2026-12-02/3f5e....jsonl`; without a day, `quarantine/_unattributed/3f5e....jsonl`. */
export function quarantineKey(object: Pick<QuarantineObject, 'tenant' | 'day' | 'source'>): string {
  const id = createHash('sha256').update(`${object.tenant}\u0000${object.source}`).digest('hex').slice(0, 40);
  return object.day === undefined
    ? `quarantine/${object.tenant}/${id}.jsonl`
    : `quarantine/${object.tenant}/${object.day}/${id}.jsonl`;
}

export function s3Quarantine(s3: S3Client, bucket: string): QuarantineWriter {
  const exists = async (key: string): Promise<boolean> => {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
        return false;
      throw error;
    }
  };
  return async (objects) => {
    const written = objects.map(() => false);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < objects.length) {
        const i = next++;
        const object = objects[i]!;
        if (object.ifAbsent === true && (await exists(quarantineKey(object)))) continue;
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: quarantineKey(object),
            Body: object.lines.map((line) => JSON.stringify(line)).join('\n') + '\n',
            ContentType: 'application/x-ndjson',
          }),
        );
        written[i] = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, objects.length) }, worker));
    return written;
  };
}
