/** Creates (idempotently) the local tables, stream and buckets from the shared definitions. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
} from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  ResourceInUseException as StreamInUse,
} from '@aws-sdk/client-kinesis';
import { BucketAlreadyOwnedByYou, CreateBucketCommand } from '@aws-sdk/client-s3';
import { setTimeout as sleep } from 'node:timers/promises';
import { TABLES, tableName, type GlobalIndex } from '#shared/resources/tables';
import type { LocalClients } from './clients.ts';
import type { ResourceNames } from './resource-names.ts';

export async function createLocalResources(
  clients: LocalClients,
  prefix: string,
  names: ResourceNames,
  shards = 1,
): Promise<void> {
  await Promise.all(TABLES.map((t) => createTable(clients, tableName(prefix, t), t)));
  await createStream(clients, names.stream, shards);
  for (const bucket of [names.albLogBucket, names.quarantineBucket, names.failureBucket]) {
    try {
      await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (
        !(error instanceof BucketAlreadyOwnedByYou) &&
        (error as { Code?: string }).Code !== 'BucketAlreadyExists'
      )
        throw error;
    }
  }
}

async function createTable(clients: LocalClients, name: string, t: (typeof TABLES)[number]): Promise<void> {
  const attributes = new Map<string, AttributeDefinition>();
  for (const key of [t.partitionKey, t.sortKey, ...t.globalIndexes.map((i) => i.partitionKey)]) {
    attributes.set(key, { AttributeName: key, AttributeType: 'S' });
  }
  for (const i of t.globalIndexes)
    attributes.set(i.sortKey, { AttributeName: i.sortKey, AttributeType: i.sortKeyType ?? 'S' });
  try {
    await clients.dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes.values()],
        KeySchema: [
          { AttributeName: t.partitionKey, KeyType: 'HASH' },
          { AttributeName: t.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: t.globalIndexes.length === 0 ? undefined : t.globalIndexes.map(indexSpec),
        StreamSpecification:
          t.stream === undefined ? undefined : { StreamEnabled: true, StreamViewType: t.stream },
      }),
    );
    if (t.ttlAttribute !== undefined) {
      await clients.dynamodb.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: t.ttlAttribute, Enabled: true },
        }),
      );
    }
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
  // A data directory from an older version lacks indexes added since: add them.
  const existing = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of t.globalIndexes.filter((i) => !existing.has(i.name))) {
    await clients.dynamodb.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: [...attributes.values()],
        GlobalSecondaryIndexUpdates: [{ Create: indexSpec(index) }],
      }),
    );
  }
}

function indexSpec(i: GlobalIndex) {
  return {
    IndexName: i.name,
    KeySchema: [
      { AttributeName: i.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: i.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  };
}

async function createStream(clients: LocalClients, name: string, shards: number): Promise<void> {
  try {
    await clients.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  } catch (error) {
    if (!(error instanceof StreamInUse)) throw error;
  }
  for (let i = 0; i < 100; i++) {
    const summary = await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await sleep(50);
  }
}
