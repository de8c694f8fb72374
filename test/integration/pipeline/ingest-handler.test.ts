import { describe, it, expect, beforeAll } from '@jest/globals';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { Context, KinesisStreamEvent, KinesisStreamBatchResponse } from 'aws-lambda';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import { sealEnvelope } from '#shared/ingest/envelope';
import { onboardTenant } from '#shared/ingest/registry';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { localEnv, uniqueTenant } from '../local-env.ts';

const MASTER = 'handler-master-secret';
const { clients, names, endpoints } = localEnv();
type Handler = (event: KinesisStreamEvent, context: Context) => Promise<KinesisStreamBatchResponse>;
let handler: Handler;

beforeAll(async () => {
  // The handler reads its configuration once, at import, the way Lambda's cold start does.
  Object.assign(process.env, {
    INVENTORY_TABLE: names.inventoryTable,
    FINDINGS_TABLE: names.findingsTable,
    QUARANTINE_BUCKET: names.quarantineBucket,
    INGEST_MASTER_SECRET: MASTER,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    SURVEYOR_S3_FORCE_PATH_STYLE: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  ({ handler } = (await import('#functions/ingest-api-calls')) as unknown as { handler: Handler });
});

function kinesisEvent(datas: Buffer[]): KinesisStreamEvent {
  return {
    Records: datas.map((data, i) => {
      const sequenceNumber = `49590338271490256608559692538361571095921575989136${String(100000 + i)}`;
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: 'p',
          sequenceNumber,
          data: data.toString('base64'),
          approximateArrivalTimestamp: 1714564800,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000007:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: 'arn:aws:iam::123456789012:role/consumer',
        awsRegion: 'us-east-1',
        eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/it-api-calls',
      };
    }),
  };
}

const context = {
  functionName: 'ingest-api-calls',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
} as Context;

describe('ingest-api-calls handler (Lambda event shape, local DynamoDB and S3)', () => {
  it('stores calls for a registered key and quarantines lines the forwarder could not parse', async () => {
    const tenant = uniqueTenant('handler');
    const credential = await onboardTenant(
      { doc: clients.doc, table: names.inventoryTable, masterSecret: MASTER, now: () => new Date() },
      tenant,
    );
    const envelope: IngestEnvelope = {
      sentAt: new Date().toISOString(),
      origin: 's3://alb-logs/a.log.gz',
      idempotencyKey: `${tenant}#a#0`,
      calls: [
        {
          source: 'alb',
          time: '2024-05-01T11:00:00.000Z',
          host: 'shop.example.com',
          method: 'POST',
          path: '/carts/77/items',
          status: 201,
        },
      ],
      quarantined: [
        {
          format: 'alb',
          origin: 's3://alb-logs/a.log.gz',
          line: 2,
          reason: 'line has too few fields',
          raw: 'https x ?token=***',
        },
      ],
    };

    const response = await handler(kinesisEvent([sealEnvelope(envelope, credential)]), context);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(
      (await readInventory(clients.doc, names.inventoryTable, tenant)).map((e) => [e.method, e.path]),
    ).toEqual([['POST', '/carts/{id}/items']]);
    const listed = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: names.quarantineBucket, Prefix: `quarantine/${tenant}/` }),
    );
    expect(listed.Contents?.length).toBe(1);
    const body = await (
      await clients.s3.send(
        new GetObjectCommand({ Bucket: names.quarantineBucket, Key: listed.Contents![0]!.Key! }),
      )
    ).Body!.transformToString();
    expect(JSON.parse(body)).toMatchObject({ line: 2, reason: 'line has too few fields', tenant });
  });
});
