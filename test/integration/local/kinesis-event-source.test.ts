import { describe, it, expect, afterEach } from '@jest/globals';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KinesisStreamEvent } from 'aws-lambda';
import { fileCheckpoints } from '#local/aws/kinesis-checkpoints';
import {
  startKinesisEventSource,
  type KinesisEventSource,
  type KinesisEventSourceOptions,
} from '#local/aws/kinesis-event-source';
import { s3OnFailureDestination } from '#local/aws/on-failure-destination';
import { localEnv } from '../local-env.ts';

const { clients, names } = localEnv();
const running: KinesisEventSource[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((source) => source.stop()));
});

async function newStream(label: string, values: string[]): Promise<string> {
  const name = `esm-${label}-${Math.random().toString(36).slice(2, 8)}`;
  await clients.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
  while (
    (await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name })))
      .StreamDescriptionSummary?.StreamStatus !== 'ACTIVE'
  )
    await sleep(20);
  await put(name, values);
  return name;
}

async function put(stream: string, values: string[]): Promise<void> {
  // One record per call keeps the arrival order equal to the order of `values`.
  for (const value of values)
    await clients.kinesis.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: [{ PartitionKey: 'p', Data: Buffer.from(value) }],
      }),
    );
}

type Options = Partial<KinesisEventSourceOptions> & Pick<KinesisEventSourceOptions, 'streamName' | 'handler'>;
async function start(
  options: Options,
  checkpointFile = join(mkdtempSync(join(tmpdir(), 'esm-')), 'cp.json'),
) {
  const source = await startKinesisEventSource({
    kinesis: clients.kinesis,
    functionName: 'test-consumer',
    region: 'us-east-1',
    checkpoints: fileCheckpoints(checkpointFile),
    pollIntervalMs: 20,
    retryDelayMs: 0,
    log: () => undefined,
    ...options,
  });
  running.push(source);
  return { source, checkpointFile };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(20);
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

const values = (event: KinesisStreamEvent) =>
  event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString());

describe('Kinesis event source mapping on kinesalite', () => {
  it('delivers Lambda-shaped records in order and resumes after a restart from the checkpoint', async () => {
    // Arrange
    const stream = await newStream('order', ['a', 'b', 'c']);
    const seen: KinesisStreamEvent[] = [];
    const handler = async (event: KinesisStreamEvent) => void seen.push(event);
    const first = await start({ streamName: stream, handler, batchSize: 2 });
    await until(() => first.source.stats().recordsSucceeded === 3, 'three records');
    await first.source.stop();

    // Act
    await put(stream, ['d']);
    const second = await start({ streamName: stream, handler }, first.checkpointFile);
    await until(() => second.source.stats().recordsSucceeded === 1, 'the new record');

    // Assert
    expect(seen.map(values)).toEqual([['a', 'b'], ['c'], ['d']]);
    const record = seen[0]?.Records[0];
    expect(record?.eventID).toBe(`shardId-000000000000:${record?.kinesis.sequenceNumber}`);
    expect(record).toMatchObject({
      eventSource: 'aws:kinesis',
      eventName: 'aws:kinesis:record',
      eventVersion: '1.0',
      awsRegion: 'us-east-1',
      kinesis: { kinesisSchemaVersion: '1.0', partitionKey: 'p' },
    });
    expect(record?.eventSourceARN).toMatch(
      new RegExp(`^arn:aws:kinesis:[a-z0-9-]+:\\d{12}:stream/${stream}$`),
    );
    expect(Math.abs((record?.kinesis.approximateArrivalTimestamp ?? 0) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('retries from the lowest reported failure without redelivering the records before it', async () => {
    // Arrange
    const stream = await newStream('partial', ['a', 'b', 'c', 'd']);
    const seen: string[][] = [];
    let failedOnce = false;
    const handler = async (event: KinesisStreamEvent) => {
      seen.push(values(event));
      if (failedOnce) return { batchItemFailures: [] };
      failedOnce = true;
      const ids = [event.Records[3], event.Records[1]].map((r) => ({
        itemIdentifier: r?.kinesis.sequenceNumber,
      }));
      return { batchItemFailures: ids };
    };

    // Act
    const { source } = await start({ streamName: stream, handler, batchSize: 10 });
    await until(
      () => source.stats().shards['shardId-000000000000']?.caughtUp === true && seen.length === 2,
      'retry',
    );

    // Assert
    expect(seen).toEqual([
      ['a', 'b', 'c', 'd'],
      ['b', 'c', 'd'],
    ]);
    expect(source.stats()).toMatchObject({ invocations: 2, failures: 1, retries: 1, recordsSucceeded: 4 });
  });

  it('bisects around a poison record and sends it, whole, to the S3 on-failure destination', async () => {
    // Arrange
    const stream = await newStream('poison', ['a', 'b', 'POISON', 'd', 'e']);
    const succeeded: string[] = [];
    const handler = async (event: KinesisStreamEvent) => {
      if (values(event).includes('POISON')) throw new SyntaxError('cannot parse POISON');
      succeeded.push(...values(event));
    };
    const mappingId = `esm-${Math.random().toString(36).slice(2, 8)}`;

    // Act
    const { source } = await start({
      streamName: stream,
      handler,
      policy: { bisectBatchOnError: true, maximumRetryAttempts: 1 },
      onFailure: s3OnFailureDestination(clients.s3, names.failureBucket, mappingId),
    });
    await until(() => source.stats().recordsDiscarded === 1 && succeeded.length === 4, 'poison isolated');

    // Assert
    expect(succeeded).toEqual(['a', 'b', 'd', 'e']);
    const listed = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: names.failureBucket, Prefix: `aws/lambda/${mappingId}/` }),
    );
    expect(listed.Contents).toHaveLength(1);
    const object = await clients.s3.send(
      new GetObjectCommand({ Bucket: names.failureBucket, Key: listed.Contents?.[0]?.Key }),
    );
    const failure = JSON.parse(await object.Body!.transformToString()) as {
      requestContext: unknown;
      KinesisBatchInfo: unknown;
      errorDescription: string;
      payload: string;
    };
    expect(failure.requestContext).toMatchObject({
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 2,
    });
    expect(failure.KinesisBatchInfo).toMatchObject({ shardId: 'shardId-000000000000', batchSize: 1 });
    expect(failure.errorDescription).toBe('SyntaxError: cannot parse POISON');
    const payload = JSON.parse(failure.payload) as KinesisStreamEvent;
    expect(values(payload)).toEqual(['POISON']);
  });

  it('sends records older than the maximum record age to the destination without invoking', async () => {
    // Arrange
    const stream = await newStream('age', ['old-1', 'old-2']);
    const invoked: string[] = [];
    const discarded: string[] = [];

    // Act: the mapping's clock runs two hours ahead, so every record is older than an hour.
    const { source } = await start({
      streamName: stream,
      handler: async (event: KinesisStreamEvent) => void invoked.push(...values(event)),
      policy: { maximumRecordAgeSeconds: 3600 },
      now: () => Date.now() + 2 * 3600_000,
      onFailure: async (failure) => {
        expect(failure.condition).toBe('RecordAgeExceeded');
        discarded.push(...values({ Records: [...failure.records] }));
      },
    });
    await until(() => source.stats().recordsDiscarded === 2, 'expiry');

    // Assert
    expect(invoked).toEqual([]);
    expect(discarded).toEqual(['old-1', 'old-2']);
  });
});
