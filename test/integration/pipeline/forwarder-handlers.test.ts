import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { CloudWatchLogsEvent, S3Event } from 'aws-lambda';
import { consumeRecords } from '#shared/ingest/consume';
import { formatCredential } from '#shared/ingest/credentials';
import { createKeyResolver, onboardTenant } from '#shared/ingest/registry';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { cloudWatchLogsEvents, controlMessageEvent } from '#local/aws/cloudwatch-logs';
import { invoke, type LambdaHandler } from '#local/aws/invoke';
import { s3ObjectCreatedEvent } from '#local/aws/s3-event';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';
import { drainStream } from './drain-stream.ts';

const MASTER = 'forwarder-handlers-master';
const { clients, names, endpoints } = localEnv();
const lambda = { region: 'us-east-1', timeoutMs: 60_000 };

/** The deployed handlers themselves, imported with the environment the forwarder stack gives them. */
async function handlers(credential: string) {
  Object.assign(process.env, {
    INGEST_STREAM_NAME: names.stream,
    INGEST_CREDENTIAL: credential,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    SURVEYOR_S3_FORCE_PATH_STYLE: 'true',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  const alb = (await import('#functions/forward-alb-logs')) as unknown as {
    handler: LambdaHandler<S3Event, void>;
  };
  const cwl = (await import('#functions/forward-cloudwatch-logs')) as unknown as {
    handler: LambdaHandler<CloudWatchLogsEvent, void>;
  };
  return { alb: alb.handler, cwl: cwl.handler };
}

describe('forwarder handlers (functions/forward-*.ts) -> Kinesis -> consumer', () => {
  const checkpoints = new Map<string, string>();
  let tenant: string;
  let forward: Awaited<ReturnType<typeof handlers>>;
  const consume = async () => {
    const records = await drainStream(checkpoints);
    const now = () => new Date();
    const resolveKey = createKeyResolver(clients.doc, names.inventoryTable, MASTER);
    const result = await consumeRecords(records, {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      resolveKey,
      quarantine: bucketQuarantine(),
      now,
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(await quarantinedFor(tenant)).toEqual([]); // every line the tests ship is valid
  };

  beforeAll(async () => {
    await drainStream(checkpoints); // skip what other tests left on the shared stream
    tenant = uniqueTenant('handlers');
    const credential = await onboardTenant(
      { doc: clients.doc, table: names.inventoryTable, masterSecret: MASTER, now: () => new Date() },
      tenant,
    );
    forward = await handlers(formatCredential(credential));
  });

  it('forward-alb-logs reads the object S3 announced and its calls reach the inventory once, even when S3 announces it twice', async () => {
    const lines = Array.from(
      { length: 300 },
      (_, i) =>
        `https 2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.123456Z app/lb/1 203.0.113.${i % 200}:443 10.0.0.1:80 0.001 0.010 0.001 200 200 10 20 "GET https://shop.example.com:443/orders/${1000 + i} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "shop.example.com" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`,
    ).join('\n');
    const key = `${tenant}/AWSLogs/123/elasticloadbalancing/us-east-1/2024/05/01/lb file.log.gz`;
    const body = gzipSync(lines);
    const put = await clients.s3.send(
      new PutObjectCommand({ Bucket: names.albLogBucket, Key: key, Body: body }),
    );
    const event = s3ObjectCreatedEvent({
      bucket: names.albLogBucket,
      key,
      size: body.length,
      eTag: put.ETag!.replace(/"/g, ''),
      sequencer: '0A1B2C3D4E5F678901',
      region: 'us-east-1',
      eventTime: new Date(),
    });

    const first = await invoke(forward.alb, event, { functionName: 'forward-alb-logs', ...lambda });
    const second = await invoke(forward.alb, event, { functionName: 'forward-alb-logs', ...lambda });
    await consume();

    expect(first.ok && second.ok).toBe(true);
    const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);
    expect(inventory.map((e) => [e.host, e.method, e.path, e.calls])).toEqual([
      ['shop.example.com', 'GET', '/orders/{id}', 300],
    ]);
  });

  it('forward-cloudwatch-logs forwards a subscription delivery of API Gateway logs and ships nothing for a control message', async () => {
    const line = readFileSync('test/events/apigw/rest.json', 'utf8').split('\n')[0]!;
    const events = cloudWatchLogsEvents(
      Array.from({ length: 25 }, (_, i) => ({ timestamp: 1_714_564_800_000 + i, message: line })),
      {
        owner: '123456789012',
        logGroup: 'API-Gateway-Execution-Logs',
        logStream: tenant,
        subscriptionFilters: ['surveyor'],
      },
    );

    const control = await invoke(forward.cwl, controlMessageEvent(), {
      functionName: 'forward-cloudwatch-logs',
      ...lambda,
    });
    const delivered = await Promise.all(
      events.map((e) => invoke(forward.cwl, e, { functionName: 'forward-cloudwatch-logs', ...lambda })),
    );
    await consume();

    expect(control.ok).toBe(true);
    expect(delivered.every((d) => d.ok)).toBe(true);
    const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);
    const pets = inventory.find((e) => e.path === '/pets/{petId}');
    expect(pets).toMatchObject({ host: 'api.example.com', method: 'GET', calls: 25 });
  });
});
