import { describe, it, expect, beforeAll } from '@jest/globals';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { gzipSync } from 'node:zlib';
import type { S3Event, CloudWatchLogsEvent } from 'aws-lambda';
import { consumeRecords } from '#shared/ingest/consume';
import { forwardS3Objects } from '#shared/ingest/forward/s3-object';
import { forwardCloudWatchLogs } from '#shared/ingest/forward/cloudwatch';
import type { ForwarderDeps } from '#shared/ingest/forward/ship-log';
import { createKeyResolver, onboardTenant } from '#shared/ingest/registry';
import { analyzeLogs } from '#shared/inventory/analyze';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { readLineBatches } from '#shared/logs/read-lines';
import { Readable } from 'node:stream';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';
import { drainStream } from './drain-stream.ts';

const MASTER = 'e2e-master';
const { clients, names } = localEnv();
const now = () => new Date('2024-05-01T13:00:00.000Z');

function albLine(i: number): string {
  const path =
    i % 5 === 0 ? '/health' : `/v1/accounts/${10_000 + (i % 37)}/invoices/inv_${(i * 7919).toString(36)}x9Q2`;
  return `https 2024-05-01T12:${String(i % 60).padStart(2, '0')}:00.123456Z app/lb/1 203.0.113.${i % 200}:443 10.0.0.1:80 0.001 0.010 0.001 200 200 10 20 "GET https://billing.example.com:443${path}?key=S3CRET HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "billing.example.com" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`;
}

describe('forwarders -> Kinesis -> consumer -> DynamoDB (local servers)', () => {
  const checkpoints = new Map<string, string>();
  let deps: ForwarderDeps;
  let tenant: string;

  beforeAll(async () => {
    await drainStream(checkpoints); // skip what other tests left on the shared stream
    tenant = uniqueTenant('e2e');
    const credential = await onboardTenant(
      { doc: clients.doc, table: names.inventoryTable, masterSecret: MASTER, now },
      tenant,
    );
    deps = { kinesis: clients.kinesis, streamName: names.stream, credential, now };
  });

  it('turns an ALB log object into the same inventory `analyze` infers, once even if delivered twice', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => albLine(i)).join('\n') + '\nnot a log line\n';
    const key = `AWSLogs/123/elasticloadbalancing/us-east-1/2024/05/01/${tenant} file.log.gz`;
    const put = await clients.s3.send(
      new PutObjectCommand({ Bucket: names.albLogBucket, Key: key, Body: gzipSync(lines) }),
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
    await forwardS3Objects(event, clients.s3, deps); // ALB delivers the same file twice
    const consumer = {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      resolveKey: createKeyResolver(clients.doc, names.inventoryTable, MASTER),
      quarantine: bucketQuarantine(),
      now,
    };
    const result = await consumeRecords(await drainStream(checkpoints), consumer);

    expect(stats).toMatchObject({ lines: 1201, calls: 1200, quarantined: 1 });
    expect(result.stats.duplicates).toBe(stats!.records);
    const stored = await readInventory(clients.doc, names.inventoryTable, tenant);
    const analyzed = await analyzeLogs([{ batches: readLineBatches(Readable.from([Buffer.from(lines)])) }], {
      format: 'alb',
    });
    const shape = (e: {
      host: string;
      method: string;
      path: string;
      calls: number;
      firstSeen: string;
      lastSeen: string;
    }) => [e.host, e.method, e.path, e.calls, e.firstSeen, e.lastSeen];
    expect(stored.map(shape)).toEqual(analyzed.endpoints.map(shape));
    expect(stored.map((e) => e.path)).toEqual(['/health', '/v1/accounts/{id}/invoices/{id2}']);
    expect(JSON.stringify(stored)).not.toContain('S3CRET');
    // The unparsable line lands in the tenant's quarantine with its reason and location, once: the
    // second delivery's envelope is a duplicate, so its line is neither stored nor counted again.
    expect(result.stats.quarantined).toBe(1);
    expect(await quarantinedFor(tenant)).toEqual([
      expect.objectContaining({ raw: 'not a log line', line: 1201, reason: expect.any(String) }),
    ]);
  });

  it('forwards API Gateway logs from a CloudWatch Logs subscription and ignores control messages', async () => {
    const quarantinedBefore = (await quarantinedFor(tenant)).length;
    const events = [0, 1, 2].map((i) => ({
      id: `3${i}`,
      timestamp: 1714564800000 + i,
      message: JSON.stringify({
        requestId: `r${i}`,
        ip: '198.51.100.1',
        requestTimeEpoch: 1714564800000 + i,
        httpMethod: 'GET',
        routeKey: 'GET /pets/{id}',
        path: `/pets/${i}`,
        status: 200,
        domainName: 'pets.example.com',
        apiId: 'a1',
      }),
    }));
    const wrap = (data: object): CloudWatchLogsEvent => ({
      awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') },
    });
    const control = await forwardCloudWatchLogs(
      wrap({
        messageType: 'CONTROL_MESSAGE',
        owner: 'CloudwatchLogs',
        logGroup: '',
        logStream: '',
        subscriptionFilters: [],
        logEvents: [{ id: '', timestamp: 0, message: 'CWL CONTROL MESSAGE' }],
      }),
      deps,
    );
    const data = await forwardCloudWatchLogs(
      wrap({
        messageType: 'DATA_MESSAGE',
        owner: '123456789012',
        logGroup: 'API-Gateway-Execution-Logs',
        logStream: 's',
        subscriptionFilters: ['f'],
        logEvents: events,
      }),
      deps,
    );
    const consumer = {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      resolveKey: createKeyResolver(clients.doc, names.inventoryTable, MASTER),
      quarantine: bucketQuarantine(),
      now,
    };
    await consumeRecords(await drainStream(checkpoints), consumer);

    expect(control.records).toBe(0);
    expect(data).toMatchObject({ calls: 3, records: 1 });
    const pets = (await readInventory(clients.doc, names.inventoryTable, tenant)).filter(
      (e) => e.host === 'pets.example.com',
    );
    expect(pets.map((e) => [e.path, e.calls])).toEqual([['/pets/{id}', 3]]);
    expect(await quarantinedFor(tenant)).toHaveLength(quarantinedBefore); // every line parsed
  });
});
