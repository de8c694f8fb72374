/** Builds the `S3Event` S3 delivers to Lambda for an object-created notification. */
import { randomBytes } from 'node:crypto';
import type { S3Event, S3EventRecord } from 'aws-lambda';

export interface CreatedObject {
  readonly bucket: string;
  /** The raw key, as stored. */
  readonly key: string;
  readonly size: number;
  readonly eTag: string;
  readonly sequencer: string;
  readonly region: string;
  readonly eventTime: Date;
  readonly eventName?: 'ObjectCreated:Put' | 'ObjectCreated:Post' | 'ObjectCreated:Copy';
  readonly sourceIp?: string;
}

/**
 * Encodes a key the way S3 notifications do: form-style URL encoding (space as `+`) that leaves
 * `/` alone. `s3EventKey('AWSLogs/1/my log.gz')` is `'AWSLogs/1/my+log.gz'`.
 */
export function s3EventKey(key: string): string {
  return key
    .split('/')
    .map((part) =>
      encodeURIComponent(part)
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}

/** The inverse that handlers apply: `decodeS3EventKey('my+log.gz')` is `'my log.gz'`. */
export function decodeS3EventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** `s3ObjectCreatedEvent({ bucket, key, size, eTag, sequencer, region, eventTime })` */
export function s3ObjectCreatedEvent(object: CreatedObject): S3Event {
  const owner = 'A' + randomBytes(6).toString('hex').toUpperCase();
  const record: S3EventRecord = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: object.region,
    eventTime: object.eventTime.toISOString(),
    eventName: object.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: `AWS:${owner}` },
    requestParameters: { sourceIPAddress: object.sourceIp ?? '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-amz-id-2': randomBytes(48).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'surveyor-local-alb-logs',
      bucket: {
        name: object.bucket,
        ownerIdentity: { principalId: owner },
        arn: `arn:aws:s3:::${object.bucket}`,
      },
      object: {
        key: s3EventKey(object.key),
        size: object.size,
        eTag: object.eTag,
        sequencer: object.sequencer,
      },
    },
  };
  return { Records: [record] };
}
