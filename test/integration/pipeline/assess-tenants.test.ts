import { describe, it, expect, beforeAll } from '@jest/globals';
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { ApiCall } from '#events/api-call.schema';
import { putSpec } from '#shared/tenancy/tenant-config';
import { listFindings } from '#shared/findings/store';
import { sealEnvelope } from '#shared/ingest/envelope';
import { consumeRecords } from '#shared/ingest/consume';
import { createKeyResolver, onboardTenant } from '#shared/ingest/registry';
import { lambdaContext } from '#local/aws/lambda-context';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';

const MASTER = 'assess-master';
const { clients, names, endpoints } = localEnv();
type Result = { assessed: string[]; failed: string[] };
let handler: (event: ScheduledEvent, context: Context) => Promise<Result>;
const now = () => new Date('2024-05-01T13:00:00.000Z');

beforeAll(async () => {
  Object.assign(process.env, {
    INVENTORY_TABLE: names.inventoryTable,
    FINDINGS_TABLE: names.findingsTable,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  ({ handler } = (await import('#functions/assess-tenants')) as unknown as { handler: typeof handler });
});

const SPEC = `openapi: 3.0.3
info: { title: Orders, version: '1' }
servers: [{ url: 'https://orders.example.com' }]
paths:
  /orders:
    get: { responses: { '200': { description: ok } } }
  /refunds:
    get: { responses: { '200': { description: ok } } }
`;

describe('assess-tenants (scheduled), against local DynamoDB', () => {
  it("judges every registered tenant's whole inventory: unused operations and shadow endpoints", async () => {
    const tenant = uniqueTenant('sched');
    const quiet = uniqueTenant('quiet');
    const deps = { doc: clients.doc, table: names.inventoryTable, masterSecret: MASTER, now };
    const credential = await onboardTenant(deps, tenant);
    await onboardTenant(deps, quiet);
    const calls: ApiCall[] = ['/orders', '/orders', '/admin/export'].map((path) => ({
      source: 'alb',
      time: '2024-05-01T12:00:00.000Z',
      host: 'orders.example.com',
      method: 'GET',
      path,
      status: 200,
    }));
    const data = sealEnvelope(
      {
        sentAt: '2024-05-01T12:00:00.000Z',
        origin: 'test',
        idempotencyKey: `${tenant}#0`,
        calls,
        quarantined: [],
      },
      credential,
    );
    await consumeRecords([{ shardId: 'shardId-000000000001', sequenceNumber: '1000000000000000001', data }], {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      resolveKey: createKeyResolver(clients.doc, names.inventoryTable, MASTER),
      quarantine: bucketQuarantine(),
      now,
    });
    expect(await quarantinedFor(tenant)).toEqual([]);
    // Uploaded after the traffic, with no assessment: only the schedule judges it.
    await putSpec({ doc: clients.doc, tableName: names.inventoryTable }, tenant, 'orders', SPEC);

    const result = await handler(
      {
        time: '2024-05-02T00:00:00Z',
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
      } as ScheduledEvent,
      lambdaContext({ functionName: 'assess-tenants', region: 'us-east-1', timeoutMs: 900_000 }),
    );

    expect(result.assessed).toEqual(expect.arrayContaining([tenant, quiet]));
    expect(result.failed).toEqual([]);
    const findings = await listFindings({ doc: clients.doc, tableName: names.findingsTable }, tenant);
    expect(findings.map((f) => `${f.type} ${f.path}`).sort()).toEqual([
      'shadow-endpoint /admin/export',
      'unused-endpoint /refunds',
    ]);
    expect(await listFindings({ doc: clients.doc, tableName: names.findingsTable }, quiet)).toEqual([]);
  });
});
