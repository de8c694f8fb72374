import { describe, it, expect } from '@jest/globals';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLocalConfig } from '#local/stack/config';
import { resourceNames } from '#local/stack/resource-names';
import { createLocalResources } from '#local/stack/resources';
import { PortInUseError, startLocalServers } from '#local/stack/servers';
import { findingsTable, inventoryTable, tableName } from '#shared/resources/tables';
import { localEnv } from '../local-env.ts';

async function occupiedPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('startLocalServers', () => {
  it.each(['SURVEYOR_DYNAMODB_PORT', 'SURVEYOR_KINESIS_PORT', 'SURVEYOR_S3_PORT'])(
    'fails with a PortInUseError naming %s when its port is busy',
    async (variable) => {
      // Arrange
      const { server, port } = await occupiedPort();
      const env = {
        SURVEYOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'busy-')),
        SURVEYOR_IN_MEMORY: 'true',
        SURVEYOR_DYNAMODB_PORT: '0',
        SURVEYOR_KINESIS_PORT: '0',
        SURVEYOR_S3_PORT: '0',
        [variable]: String(port),
      };

      // Act
      const started = startLocalServers(readLocalConfig(env));

      // Assert
      await expect(started).rejects.toThrow(PortInUseError);
      await expect(started).rejects.toThrow(`Port ${port} is already in use`);
      await expect(started).rejects.toThrow(variable);
      server.close();
    },
    // The other servers still start (DynamoDB Local takes seconds) before everything is stopped.
    30_000,
  );
});

describe('createLocalResources', () => {
  it('creates tables from the shared definitions, the stream and the buckets, and can run again', async () => {
    // Arrange
    const { clients } = localEnv();
    const prefix = `res-${Math.random().toString(36).slice(2, 8)}`;
    const names = resourceNames(prefix);

    // Act
    await createLocalResources(clients, prefix, names, 2);
    await createLocalResources(clients, prefix, names, 2);

    // Assert
    const findings = await clients.dynamodb.send(
      new DescribeTableCommand({ TableName: tableName(prefix, findingsTable) }),
    );
    expect(findings.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(
      findingsTable.globalIndexes.map((i) => i.name),
    );
    expect(findings.Table?.StreamSpecification?.StreamViewType).toBe(findingsTable.stream);
    const ttl = await clients.dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: tableName(prefix, inventoryTable) }),
    );
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(inventoryTable.ttlAttribute);
    const stream = await clients.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: names.stream }));
    expect(stream.StreamDescriptionSummary?.OpenShardCount).toBe(2);
    for (const bucket of [names.albLogBucket, names.quarantineBucket, names.failureBucket])
      await expect(clients.s3.send(new HeadBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
  });
});
