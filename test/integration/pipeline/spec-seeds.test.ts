import { describe, it, expect, beforeAll } from '@jest/globals';
import type { ApiCall } from '#events/api-call.schema';
import { createGeoLookup, type GeoLookup } from '#shared/classify/geo';
import { cachedTenantConfig, putSpec } from '#shared/tenancy/tenant-config';
import { listFindings } from '#shared/findings/store';
import { deriveSecret, issueIngestKey, type IngestCredential } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { consumeRecords, type ConsumeDeps } from '#shared/ingest/consume';
import type { StreamRecord } from '#shared/ingest/open-records';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';

const MASTER = 'integration-master-secret';
const HOST = 'api.shop.example';
const { clients, names } = localEnv();
const configTable = { doc: clients.doc, tableName: names.inventoryTable };
const findingsTable = { doc: clients.doc, tableName: names.findingsTable };

const SPEC = `openapi: 3.0.3
info: { title: Shop, version: '1.0' }
servers: [{ url: 'https://${HOST}/v1' }]
paths:
  /tags/{tag}:
    get:
      parameters: [{ name: tag, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
  /users/me:
    get: { responses: { '200': { description: ok } } }
  /users/{userId}:
    get:
      parameters: [{ name: userId, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
`;

let geo: GeoLookup;
let sequence = 3_000_000n;

function setup(): { deps: ConsumeDeps; onboard: (tenant: string) => IngestCredential } {
  const tenants = new Map<string, string>();
  const deps: ConsumeDeps = {
    doc: clients.doc,
    inventoryTable: names.inventoryTable,
    resolveKey: async (keyId) => {
      const tenant = tenants.get(keyId);
      return tenant === undefined ? undefined : { tenant, secret: deriveSecret(MASTER, keyId) };
    },
    quarantine: bucketQuarantine(),
    now: () => new Date('2024-05-01T13:00:00.000Z'),
    findingsTable: names.findingsTable,
    tenantConfig: cachedTenantConfig(configTable, 0),
    geo,
  };
  const onboard = (tenant: string): IngestCredential => {
    const credential = issueIngestKey(MASTER);
    tenants.set(credential.keyId, tenant);
    return credential;
  };
  return { deps, onboard };
}

function record(credential: IngestCredential, calls: ApiCall[]): StreamRecord {
  sequence += 7n;
  return {
    shardId: 'shardId-000000000000',
    sequenceNumber: `4959033827149025660855969253836157109592157598913${sequence}`,
    data: sealEnvelope(
      {
        sentAt: '2024-05-01T12:59:00.000Z',
        origin: 'test',
        idempotencyKey: `f#${sequence}`,
        calls,
        quarantined: [],
      },
      credential,
    ),
  };
}

function get(path: string): ApiCall {
  return {
    source: 'apigw-rest',
    time: '2024-05-01T12:00:00.000Z',
    host: HOST,
    method: 'GET',
    path,
    status: 200,
    clientIp: '8.8.8.8',
    authScheme: 'jwt',
  };
}

/** Two word values of a documented parameter, a documented literal beside ids, undocumented routes. */
const TRAFFIC = [
  '/v1/tags/music',
  '/v1/tags/travel',
  '/v1/users/me',
  '/v1/users/1001',
  '/v1/users/1002',
  '/v1/debug/config',
  '/v1/widgets/501',
  '/v1/widgets/502',
].map(get);

async function inventoryAfter(tenant: string, withSpec: boolean): Promise<string[]> {
  const { deps, onboard } = setup();
  if (withSpec) await putSpec(configTable, tenant, 'shop', SPEC);
  const result = await consumeRecords([record(onboard(tenant), TRAFFIC)], deps);
  expect(result.batchItemFailures).toEqual([]);
  expect(await quarantinedFor(tenant)).toEqual([]); // the traffic is all valid
  const endpoints = await readInventory(clients.doc, names.inventoryTable, tenant);
  return endpoints.map((e) => e.path);
}

describe('the consumer seeds templating from the tenant’s uploaded specs', () => {
  beforeAll(() => {
    geo = createGeoLookup();
  });

  it('keeps documented paths and still infers undocumented traffic, which becomes shadow', async () => {
    const tenant = uniqueTenant('seeded');
    const paths = await inventoryAfter(tenant, true);

    // Two word values are enough for a documented parameter; the documented literal stays beside ids.
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/v1\/tags\/\{[^}]+\}$/),
        '/v1/users/me',
        '/v1/users/{id}',
        '/v1/debug/config',
        '/v1/widgets/{id}',
      ]),
    );
    expect(paths).toHaveLength(5);
    const shadow = (await listFindings(findingsTable, tenant))
      .filter((f) => f.type === 'shadow-endpoint')
      .map((f) => f.path)
      .sort();
    expect(shadow).toEqual(['/v1/debug/config', '/v1/widgets/{id}']);
  });

  it('without a spec, the same two word values stay literal (traffic alone cannot tell)', async () => {
    const paths = await inventoryAfter(uniqueTenant('unseeded'), false);
    expect(paths).toEqual(expect.arrayContaining(['/v1/tags/music', '/v1/tags/travel']));
  });
});
