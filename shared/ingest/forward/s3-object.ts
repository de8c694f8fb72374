/**
 * ALB access logs arrive as gzip objects in S3: each ObjectCreated record is streamed line by line
 * from GetObject, never buffered whole. The idempotency key includes the ETag, so the same object
 * delivered twice is applied once by the consumer.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import type { Readable } from 'node:stream';
import { parseLog } from '#shared/logs/parse-log';
import { readLineBatches } from '#shared/logs/read-lines';
import { isIntakeDelivery, postToIntake, type IntakeDelivery } from './post-to-intake.ts';
import { shipParsedLog, type ForwarderDeps, type ShipStats } from './ship-log.ts';

/** S3 event keys are URL-encoded with `+` for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export async function forwardS3Objects(
  event: S3Event,
  s3: S3Client,
  deps: ForwarderDeps | IntakeDelivery,
): Promise<ShipStats[]> {
  const out: ShipStats[] = [];
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeS3Key(record.s3.object.key);
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const etag = (object.ETag ?? record.s3.object.eTag ?? '').replace(/"/g, '');
    const origin = `s3://${bucket}/${key}`;
    const lines = readLineBatches(object.Body as Readable);
    out.push(
      isIntakeDelivery(deps)
        ? await postToIntake(lines, { format: 'alb' }, `${origin}#${etag}`, deps)
        : await shipParsedLog(parseLog(lines, { format: 'alb', origin }), origin, `${origin}#${etag}`, deps),
    );
  }
  return out;
}
