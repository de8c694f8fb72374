/**
 * The AWS forwarders as the forwarder template runs them: INTAKE_URL and the tenant's ingest key,
 * no stream, no role. ALB objects and CloudWatch Logs deliveries reach the tenant's inventory
 * through the local intake, once even when AWS delivers them twice.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { S3Event } from 'aws-lambda';
import { forwardCloudWatchLogs } from '#shared/ingest/forward/cloudwatch';
import { forwarderDeps } from '#shared/ingest/forward/forwarder-config';
import { IntakeRefusedError, postToIntake, type IntakeDelivery } from '#shared/ingest/forward/post-to-intake';
import { forwardS3Objects } from '#shared/ingest/forward/s3-object';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { revokeKey } from '#shared/onboarding/ingest-keys';
import { cloudWatchLogsEvents } from '#local/aws/cloudwatch-logs';
import type { IntakeServer } from '#local/aws/intake-server';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { drainStream } from '../pipeline/drain-stream.ts';
import { consumeNew, newKey, startTestIntake } from './intake-env.ts';
import { quarantinedFor } from '../quarantine-bucket.ts';

const { clients, names } = localEnv();
const checkpoints = new Map<string, string>();
const CUSTOMER_ACCOUNT = '123456789012';
let intake: IntakeServer;

beforeAll(async () => {
  await drainStream(checkpoints);
  // The forwarder's role: the SDK's credential chain reads what the handler environment holds.
  intake = await startTestIntake([
    { accessKeyId: 'local', secretAccessKey: 'local', accountId: CUSTOMER_ACCOUNT },
  ]);
});
afterAll(() => intake.stop());

const albLine = (i: number) =>
  `https 2024-05-01T12:${String(i % 60).padStart(2, '0')}:00.123456Z app/lb/1 203.0.113.${i % 200}:443 10.0.0.1:80 0.001 0.010 0.001 200 200 10 20 "GET https://billing.example.com:443/v1/invoices/inv_${(i * 7919).toString(36)}x9Q2 HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "billing.example.com" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`;

const endpointsOf = async (tenant: string) =>
  (await readInventory(clients.doc, names.inventoryTable, tenant)).map(
    (e) => `${e.host} ${e.method} ${e.path} ${e.calls}`,
  );

async function delivery(tenant: string): Promise<IntakeDelivery> {
  // What the template's environment gives the forwarders (the key from Secrets Manager in AWS).
  const deps = await forwarderDeps({
    INTAKE_URL: intake.url,
    INGEST_KEY: await newKey(tenant, 'aws-forwarder'),
  });
  expect(deps).toEqual({ intakeUrl: intake.url, key: expect.stringMatching(/^ik_/) });
  return deps as IntakeDelivery;
}

describe('AWS forwarders posting to the intake (local S3, intake, Kinesis, consumer)', () => {
  it('forwards an ALB log object to the key’s tenant once, though S3 notifies twice', async () => {
    const tenant = uniqueTenant('albfwd');
    const deps = await delivery(tenant);
    const key = `AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/05/01/${tenant} lb.log.gz`;
    const put = await clients.s3.send(
      new PutObjectCommand({
        Bucket: names.albLogBucket,
        Key: key,
        Body: gzipSync(Array.from({ length: 300 }, (_, i) => albLine(i)).join('\n') + '\nnot a log line\n'),
      }),
    );
    const event = {
      Records: [
        {
          s3: {
            bucket: { name: names.albLogBucket },
            object: { key: encodeURIComponent(key).replace(/%20/g, '+'), eTag: put.ETag },
          },
        },
      ],
    } as unknown as S3Event;

    const [stats] = await forwardS3Objects(event, clients.s3, deps);
    await forwardS3Objects(event, clients.s3, deps);
    const consumed = await consumeNew(checkpoints);

    expect(stats).toEqual({ lines: 301, calls: 300, quarantined: 1, records: 1 });
    expect(consumed.duplicates).toBe(consumed.records / 2);
    expect(await endpointsOf(tenant)).toEqual(['billing.example.com GET /v1/invoices/{id} 300']);
    // One entry, though delivered twice: the second delivery's envelope is a duplicate.
    expect(consumed.quarantined).toBe(1);
    expect(await quarantinedFor(tenant)).toEqual([
      expect.objectContaining({ raw: 'not a log line', line: 301, reason: expect.any(String) }),
    ]);
  });

  it('forwards an API Gateway CloudWatch Logs delivery to the key’s tenant', async () => {
    const tenant = uniqueTenant('cwlfwd');
    const deps = await delivery(tenant);
    const lines = Array.from({ length: 20 }, (_, i) => ({
      timestamp: 1714564800000 + i,
      message: JSON.stringify({
        requestId: `r${i}`,
        requestTimeEpoch: 1714564800000 + i,
        httpMethod: 'GET',
        routeKey: 'GET /payments/{id}',
        path: `/payments/${i}`,
        status: 200,
        domainName: 'pay.example.com',
      }),
    }));
    const [event] = cloudWatchLogsEvents(lines, {
      owner: '123456789012',
      logGroup: '/aws/apigateway/pay',
      logStream: 'prod',
      subscriptionFilters: ['surveyor'],
    });

    const stats = await forwardCloudWatchLogs(event!, deps);
    await consumeNew(checkpoints);

    expect(stats).toMatchObject({ lines: 20, calls: 20 });
    expect(await endpointsOf(tenant)).toEqual(['pay.example.com GET /payments/{id} 20']);
    expect(await quarantinedFor(tenant)).toEqual([]);
  });

  it('signs with its role on the IAM route, so a key bound to its account works', async () => {
    const tenant = uniqueTenant('signedfwd');
    const deps = (await forwarderDeps({
      INTAKE_URL: intake.signedUrl,
      INGEST_KEY: await newKey(tenant, 'aws-forwarder', CUSTOMER_ACCOUNT),
      AWS_REGION: 'us-east-1',
    })) as IntakeDelivery;
    const [event] = cloudWatchLogsEvents(
      [
        {
          timestamp: 1714564800000,
          message: JSON.stringify({
            httpMethod: 'GET',
            path: '/health',
            status: 200,
            domainName: 'pay.example.com',
            requestTimeEpoch: 1714564800000,
          }),
        },
      ],
      {
        owner: CUSTOMER_ACCOUNT,
        logGroup: '/aws/apigateway/pay',
        logStream: 'prod',
        subscriptionFilters: ['surveyor'],
      },
    );
    const bearer = await delivery(tenant);

    const stats = await forwardCloudWatchLogs(event!, deps);
    await consumeNew(checkpoints);

    expect(deps.sign).toEqual(expect.any(Function));
    expect(stats).toMatchObject({ lines: 1, calls: 1 });
    expect(await endpointsOf(tenant)).toEqual(['pay.example.com GET /health 1']);
    // The same bound key without a signature (the Bearer route) is refused.
    await expect(forwardCloudWatchLogs(event!, { ...bearer, key: deps.key })).rejects.toThrow(/401/);
  });

  it('fails the invocation loudly, losing nothing silently, when the intake refuses the key', async () => {
    const tenant = uniqueTenant('revokedfwd');
    const deps = await delivery(tenant);
    await revokeKey(
      { doc: clients.doc, table: names.inventoryTable, now: () => new Date() },
      tenant,
      deps.key.split('.')[0]!,
    );
    const [event] = cloudWatchLogsEvents([{ timestamp: 1714564800000, message: '{"httpMethod":"GET"}' }], {
      owner: '123456789012',
      logGroup: '/aws/apigateway/x',
      logStream: 'prod',
      subscriptionFilters: ['surveyor'],
    });

    await expect(forwardCloudWatchLogs(event!, deps)).rejects.toThrow(IntakeRefusedError);
  });
});

describe('postToIntake retries', () => {
  it('retries 5xx and 429 with the same Idempotency-Key until the intake accepts', async () => {
    const answers = [503, 429, 202];
    const seen: (string | undefined)[] = [];
    const sink = createServer((request, response) => {
      seen.push(request.headers['idempotency-key'] as string | undefined);
      request.resume();
      request.on('end', () => {
        const status = answers.shift()!;
        response.writeHead(status, status === 429 ? { 'Retry-After': '1' } : {});
        response.end(status === 202 ? JSON.stringify({ lines: 2, calls: 2, quarantined: 0 }) : '{}');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/v1/logs`;
    const waits: number[] = [];

    const stats = await postToIntake(
      (async function* () {
        yield ['a', 'b'];
      })(),
      { format: 'alb' },
      's3://bucket/key with spaces#etag',
      { intakeUrl: url, key: 'ik_x.y', baseDelayMs: 1, sleep: async (ms) => void waits.push(ms) },
    );
    sink.close();

    expect(stats).toEqual({ lines: 2, calls: 2, quarantined: 0, records: 1 });
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toMatch(/^[\w-]+#0$/);
    expect(waits[1]).toBe(1000);
  });
});
