import { describe, it, expect, afterEach } from '@jest/globals';
import { CreateBucketCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { S3Event } from 'aws-lambda';
import S3rver from 's3rver';
import { attachS3Notifications, type S3Notifications } from '#local/aws/s3-notifications';
import { decodeS3EventKey } from '#local/aws/s3-event';
import { localClients } from '#local/stack/clients';
import { localEnv } from '../local-env.ts';

// The servers of global-setup run in Jest's parent process; this file needs an s3rver whose
// events it can hear, so it starts its own on a free port.
const { endpoints } = localEnv();
let server: S3rver | undefined;
let attached: S3Notifications[] = [];

async function startS3(): Promise<{ s3rver: S3rver; s3: S3Client }> {
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: mkdtempSync(join(tmpdir(), 's3n-')),
  });
  const { port } = await s3rver.run();
  server = s3rver;
  const s3 = localClients({ ...endpoints, s3: `http://127.0.0.1:${port}` }).s3;
  await s3.send(new CreateBucketCommand({ Bucket: 'alb-logs' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'other' }));
  return { s3rver, s3 };
}

afterEach(async () => {
  await Promise.all(attached.map((a) => a.stop()));
  attached = [];
  await server?.close();
  server = undefined;
});

describe('S3 notifications from s3rver', () => {
  it('invokes the handler with an ObjectCreated:Put event for objects in the watched bucket only', async () => {
    // Arrange
    const { s3rver, s3 } = await startS3();
    const events: S3Event[] = [];
    const notifications = attachS3Notifications(s3rver, {
      bucket: 'alb-logs',
      functionName: 'forward-alb-logs',
      region: 'us-east-1',
      handler: async (event) => void events.push(event),
    });
    attached.push(notifications);
    const body = 'http 2026-01-01T00:00:00Z app/lb 1.2.3.4:1 - 0 0 0 200 200 0 0 "GET http://x/ HTTP/1.1"';
    const key = 'AWSLogs/123456789012/elasticloadbalancing/us-east-1/2026/01/01/my log.gz';

    // Act
    await s3.send(new PutObjectCommand({ Bucket: 'other', Key: 'ignored', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: 'alb-logs', Key: key, Body: body }));
    await notifications.idle();

    // Assert
    expect(events).toHaveLength(1);
    const record = events[0]?.Records[0];
    expect(record?.eventName).toBe('ObjectCreated:Put');
    expect(record?.s3.bucket.name).toBe('alb-logs');
    expect(record?.s3.object.key).toContain('my+log.gz');
    expect(decodeS3EventKey(record?.s3.object.key ?? '')).toBe(key);
    expect(record?.s3.object.size).toBe(Buffer.byteLength(body));
    expect(record?.s3.object.eTag).toBe(createHash('md5').update(body).digest('hex'));
    expect(record?.s3.object.sequencer).toMatch(/^[0-9A-F]+$/);
  });

  it('retries a failing handler twice, then drops the event', async () => {
    // Arrange
    const { s3rver, s3 } = await startS3();
    const keys: string[] = [];
    const logged: string[] = [];
    const notifications = attachS3Notifications(s3rver, {
      bucket: 'alb-logs',
      functionName: 'forward-alb-logs',
      region: 'us-east-1',
      retryDelaysMs: [0],
      log: (message) => void logged.push(message),
      handler: async (event) => {
        keys.push(event.Records[0]?.s3.object.key ?? '');
        throw new Error('downstream unavailable');
      },
    });
    attached.push(notifications);

    // Act
    await s3.send(new PutObjectCommand({ Bucket: 'alb-logs', Key: 'logs/failing.gz', Body: 'x' }));
    await notifications.idle();

    // Assert
    expect(keys).toEqual(['logs/failing.gz', 'logs/failing.gz', 'logs/failing.gz']);
    expect(notifications.stats()).toEqual({ invocations: 3, succeeded: 0, retries: 2, dropped: 1 });
    expect(logged.filter((m) => m.includes('failed, retrying'))).toHaveLength(2);
    expect(logged.filter((m) => m.includes('dropped s3://alb-logs/logs/failing.gz'))).toHaveLength(1);
  });
});
