import { describe, it, expect, beforeAll } from '@jest/globals';
import type { ApiCall } from '#events/api-call.schema';
import { validateFinding } from '#events/validate';
import { createGeoLookup, type GeoLookup } from '#shared/classify/geo';
import { cachedTenantConfig, loadTenantConfig, putRiskRules, putSpec } from '#shared/tenancy/tenant-config';
import { assessTenant } from '#shared/findings/assess-tenant';
import { changeFindingStatus, listFindings } from '#shared/findings/store';
import { deriveSecret, issueIngestKey, type IngestCredential } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { TenantAssessmentSchedule } from '#shared/findings/assessment-schedule';
import { consumeRecords, type ConsumeDeps } from '#shared/ingest/consume';
import type { StreamRecord } from '#shared/ingest/open-records';
import { RulesValidationError } from '#shared/rules/load-rules';
import { SpecValidationError } from '#shared/openapi/load-spec';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';

const MASTER = 'integration-master-secret';
const { clients, names } = localEnv();
const configTable = { doc: clients.doc, tableName: names.inventoryTable };
const findingsTable = { doc: clients.doc, tableName: names.findingsTable };

const SPEC = `openapi: 3.0.3
info: { title: Telecom, version: '1.0' }
servers: [{ url: 'https://api.telecom.example/v1' }]
paths:
  /lines/{lineId}:
    get:
      parameters: [{ name: lineId, in: path, required: true, schema: { type: string } }]
      responses: { '200': { description: ok } }
  /legacy/usage:
    get:
      deprecated: true
      responses: { '200': { description: ok } }
  /plans:
    get:
      responses: { '200': { description: ok } }
`;

const RULES = JSON.stringify({
  settings: { expectedCountries: ['US', 'GB'], internalCidrs: ['203.0.113.0/24'] },
  rules: [
    {
      id: 'external-writes',
      category: 'Writes from the internet',
      severity: 'high',
      action: 'block',
      match: { methods: ['POST', 'PUT', 'DELETE'], exposure: 'external' },
    },
  ],
});

let geo: GeoLookup;
let sequence = 2_000_000n;

function setup(now = '2024-05-01T13:00:00.000Z') {
  const tenants = new Map<string, string>();
  const onboard = (tenant: string): IngestCredential => {
    const credential = issueIngestKey(MASTER);
    tenants.set(credential.keyId, tenant);
    return credential;
  };
  const deps: ConsumeDeps = {
    doc: clients.doc,
    inventoryTable: names.inventoryTable,
    resolveKey: async (keyId) => {
      const tenant = tenants.get(keyId);
      return tenant === undefined ? undefined : { tenant, secret: deriveSecret(MASTER, keyId) };
    },
    quarantine: bucketQuarantine(),
    now: () => new Date(now),
    findingsTable: names.findingsTable,
    tenantConfig: cachedTenantConfig(configTable, 0),
    geo,
  };
  return { deps, onboard };
}

function record(credential: IngestCredential, calls: ApiCall[], idempotencyKey: string): StreamRecord {
  sequence += 11n;
  return {
    shardId: 'shardId-000000000000',
    sequenceNumber: `4959033827149025660855969253836157109592157598913${sequence}`,
    data: sealEnvelope(
      { sentAt: '2024-05-01T12:59:00.000Z', origin: 'test', idempotencyKey, calls, quarantined: [] },
      credential,
    ),
  };
}

function call(method: string, path: string, over: Partial<ApiCall> = {}): ApiCall {
  return {
    source: 'apigw-rest',
    time: '2024-05-01T12:00:00.000Z',
    host: 'api.telecom.example',
    method,
    path,
    status: 200,
    clientIp: '8.8.8.8',
    authScheme: 'jwt',
    ...over,
  };
}

/** Calls that show every built-in finding a batch can show, and one custom rule. */
const TRAFFIC: ApiCall[] = [
  call('GET', '/v1/lines/5551234'),
  call('GET', '/v1/lines/5559876'),
  // The telecom's case: the spec allows GET only, POST was accepted.
  call('POST', '/v1/lines/5551234', { status: 201 }),
  call('GET', '/v1/legacy/usage'),
  call('GET', '/v1/debug/config', { authScheme: 'none' }),
  call('GET', '/v1/plans', { status: 500 }),
  call('GET', '/v1/lookup', { sensitive: ['email'], queryKeys: ['email'] }),
  call('GET', '/v1/export', { authScheme: 'credential-in-query', queryKeys: ['api_key'] }),
  call('GET', '/v1/plans', { clientIp: '77.88.8.8' }),
  call('GET', '/status', { host: 'api-staging.telecom.example', authScheme: 'api-key' }),
];

async function configured(tenant: string): Promise<void> {
  await putSpec(configTable, tenant, 'telecom', SPEC);
  await putRiskRules(configTable, tenant, RULES, 'rules.json');
}

describe('findings from the pipeline', () => {
  beforeAll(() => {
    geo = createGeoLookup();
  });

  it('rejects a bad spec or rules document with located errors and stores nothing', async () => {
    const tenant = uniqueTenant('bad');
    await expect(
      putSpec(configTable, tenant, 'broken', 'openapi: 3.0.3\ninfo: {}\npaths: 7\n'),
    ).rejects.toThrow(SpecValidationError);
    const bad = '{"rules":[{"id":"x","category":"c","severity":"urgent","match":{"methods":["GET"]}}]}';
    await expect(putRiskRules(configTable, tenant, bad, 'r.json')).rejects.toThrow(/\/rules\/0\/severity/);
    await expect(putRiskRules(configTable, tenant, bad, 'r.json')).rejects.toThrow(RulesValidationError);
    expect(await loadTenantConfig(configTable, tenant)).toEqual({ rules: [], settings: {}, specs: [] });
  });

  it('records each finding type once per subject, valid, and a retried batch changes nothing', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('telecom');
    await configured(tenant);
    const batch = [record(onboard(tenant), TRAFFIC, 'file-1#0')];

    const first = await consumeRecords(batch, deps);
    expect(first.batchItemFailures).toEqual([]);
    const findings = await listFindings(findingsTable, tenant);
    for (const f of findings) expect([f.type, validateFinding(f)]).toEqual([f.type, true]);
    const byType = (type: string) =>
      findings
        .filter((f) => f.type === type)
        .map((f) => `${f.host} ${f.method ?? ''} ${f.path ?? ''}`.trim());

    expect(byType('method-not-in-spec')).toEqual(['api.telecom.example POST /v1/lines/{id}']);
    expect(byType('zombie-endpoint')).toEqual(['api.telecom.example GET /v1/legacy/usage']);
    expect(byType('shadow-endpoint')).toEqual(
      expect.arrayContaining([
        'api.telecom.example GET /v1/debug/config',
        'api.telecom.example GET /v1/export',
      ]),
    );
    expect(byType('undocumented-status')).toEqual(['api.telecom.example GET /v1/plans']);
    expect(byType('sensitive-data-in-url')).toEqual(['api.telecom.example GET /v1/lookup']);
    expect(byType('unauthenticated-endpoint')).toEqual(['api.telecom.example GET /v1/debug/config']);
    expect(byType('weak-auth')).toEqual(['api.telecom.example GET /v1/export']);
    expect(byType('non-production-host')).toEqual(['api-staging.telecom.example GET /status']);
    expect(byType('unusual-geography')).toEqual(['api.telecom.example GET /v1/plans']);
    expect(findings.find((f) => f.type === 'unusual-geography')!.evidence.unexpectedCountries).toEqual([
      'RU',
    ]);
    expect(byType('custom:external-writes')).toEqual(['api.telecom.example POST /v1/lines/{id}']);
    // A batch cannot know what was never called: the tenant-wide assessment does.
    expect(byType('unused-endpoint')).toEqual([]);
    expect(findings.every((f) => f.status === 'open' && f.tenant === tenant)).toBe(true);

    const replay = await consumeRecords(batch, deps);
    expect(replay.stats.findingsWritten).toBe(0);
    expect(await listFindings(findingsTable, tenant)).toEqual(findings);
    expect(await quarantinedFor(tenant)).toEqual([]); // every call met its schema
  });

  it('counts internal callers from the tenant CIDRs as internal: no custom finding for them', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('cidr');
    await configured(tenant);
    await consumeRecords(
      [record(onboard(tenant), [call('DELETE', '/v1/plans', { clientIp: '203.0.113.7' })], 'f#0')],
      deps,
    );
    const types = (await listFindings(findingsTable, tenant)).map((f) => f.type);
    expect(types).toContain('method-not-in-spec');
    expect(types).not.toContain('custom:external-writes');
  });

  it('the tenant-wide assessment adds unused operations and resolves what a new spec documents', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('assess');
    await configured(tenant);
    await consumeRecords([record(onboard(tenant), TRAFFIC, 'f#0')], deps);

    const assessDeps = {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      findingsTable: names.findingsTable,
    };
    const before = await assessTenant(
      assessDeps,
      tenant,
      await loadTenantConfig(configTable, tenant),
      '2024-05-01T14:00:00.000Z',
    );
    expect(before.resolved).toBe(0);
    const unused = (await listFindings(findingsTable, tenant)).filter((f) => f.type === 'unused-endpoint');
    expect(unused).toEqual([]); // every documented operation was called

    const wider = SPEC.replace(
      'paths:\n',
      "paths:\n  /debug/config:\n    get:\n      responses: { '200': { description: ok } }\n  /invoices:\n    get:\n      responses: { '200': { description: ok } }\n",
    );
    await putSpec(configTable, tenant, 'telecom', wider);
    const after = await assessTenant(
      assessDeps,
      tenant,
      await loadTenantConfig(configTable, tenant),
      '2024-05-01T15:00:00.000Z',
    );
    expect(after.resolved).toBe(1);
    const all = await listFindings(findingsTable, tenant);
    const shadow = all.find((f) => f.type === 'shadow-endpoint' && f.path === '/v1/debug/config')!;
    expect(shadow.status).toBe('resolved');
    expect(shadow.statusBy).toBe('surveyor');
    expect(all.filter((f) => f.type === 'unused-endpoint').map((f) => f.path)).toEqual(['/v1/invoices']);
  });

  it('re-assesses a tenant with new endpoints at most once per interval, and catches up later', async () => {
    const tenant = uniqueTenant('interval');
    await configured(tenant);
    const { deps, onboard } = setup();
    const key = onboard(tenant);
    const unused = async () =>
      (await listFindings(findingsTable, tenant))
        .filter((f) => f.type === 'unused-endpoint' && f.status === 'open')
        .map((f) => f.path)
        .sort();
    let clock = Date.parse('2024-05-01T12:00:00.000Z');
    const assessments = new TenantAssessmentSchedule({ intervalMs: 3_600_000, clock: () => clock });
    const slow = { ...deps, assessments };

    await consumeRecords([record(key, [call('GET', '/v1/plans')], 'i#0')], slow);
    expect(await unused()).toEqual(['/v1/legacy/usage', '/v1/lines/{lineId}']);
    // A new endpoint within the interval: judged on its own, the whole tenant waits.
    await consumeRecords([record(key, [call('GET', '/v1/lines/42')], 'i#1')], slow);
    expect(await unused()).toEqual(['/v1/legacy/usage', '/v1/lines/{lineId}']);
    // Once due, the next batch (no new endpoint) runs the pending assessment.
    clock += 3_600_000;
    await consumeRecords([record(key, [call('GET', '/v1/plans')], 'i#2')], slow);
    expect(await unused()).toEqual(['/v1/legacy/usage']);
  });

  it('keeps who resolved a finding, and reopens it when the problem is seen after the resolution', async () => {
    const tenant = uniqueTenant('reopen');
    await configured(tenant);
    const early = setup('2024-05-01T13:00:00.000Z');
    const key = early.onboard(tenant);
    await consumeRecords(
      [record(key, [call('POST', '/v1/lines/1', { time: '2024-05-01T12:00:00.000Z' })], 'a#0')],
      early.deps,
    );
    const [finding] = (await listFindings(findingsTable, tenant, 'open')).filter(
      (f) => f.type === 'method-not-in-spec',
    );
    const resolved = await changeFindingStatus(findingsTable, tenant, finding!.id, 'resolve', {
      by: 'alice@telecom.example',
      reason: 'POST disabled on the gateway',
      at: '2024-05-01T13:30:00.000Z',
    });
    expect(resolved.status).toBe('resolved');
    expect(await listFindings(findingsTable, tenant, 'resolved')).toEqual([
      expect.objectContaining({ id: finding!.id }),
    ]);

    const late = setup('2024-05-01T15:00:00.000Z');
    late.onboard(tenant);
    await consumeRecords(
      [record(key, [call('POST', '/v1/lines/2', { time: '2024-05-01T14:00:00.000Z' })], 'b#0')],
      { ...late.deps, resolveKey: early.deps.resolveKey },
    );
    const reopened = (await listFindings(findingsTable, tenant)).find((f) => f.id === finding!.id)!;
    expect(reopened.status).toBe('open');
    expect(reopened.statusReason).toMatch(/reopened/);
    expect(reopened.occurrences).toBe(2);
  });

  it('keeps a resolved sensitive-data finding resolved while the endpoint is called cleanly', async () => {
    const tenant = uniqueTenant('clean');
    const first = setup('2024-05-01T13:00:00.000Z');
    const key = first.onboard(tenant);
    const lookup = (time: string, sensitive?: ApiCall['sensitive']) =>
      call('GET', '/v1/lookup', { time, ...(sensitive !== undefined && { sensitive }) });
    await consumeRecords([record(key, [lookup('2024-05-01T12:00:00.000Z', ['email'])], 'c#0')], first.deps);
    const sensitive = (await listFindings(findingsTable, tenant)).find(
      (f) => f.type === 'sensitive-data-in-url',
    )!;
    await changeFindingStatus(findingsTable, tenant, sensitive.id, 'resolve', {
      by: 'bob',
      reason: 'the client now posts the e-mail in the body',
      at: '2024-05-01T13:30:00.000Z',
    });

    const later = { ...setup('2024-05-01T15:00:00.000Z').deps, resolveKey: first.deps.resolveKey };
    await consumeRecords([record(key, [lookup('2024-05-01T14:00:00.000Z')], 'c#1')], later);
    const afterClean = (await listFindings(findingsTable, tenant)).find((f) => f.id === sensitive.id)!;
    expect(afterClean).toMatchObject({ status: 'resolved', statusBy: 'bob', occurrences: 1 });

    await consumeRecords([record(key, [lookup('2024-05-01T14:30:00.000Z', ['email'])], 'c#2')], later);
    const afterLeak = (await listFindings(findingsTable, tenant)).find((f) => f.id === sensitive.id)!;
    expect(afterLeak).toMatchObject({ status: 'open', statusBy: 'surveyor', occurrences: 2 });
  });

  it("never shows one tenant another tenant's findings", async () => {
    const { deps, onboard } = setup();
    const victim = uniqueTenant('victim');
    const other = uniqueTenant('other');
    await configured(victim);
    await consumeRecords([record(onboard(victim), TRAFFIC, 'v#0')], deps);
    expect((await listFindings(findingsTable, victim)).length).toBeGreaterThan(0);
    expect(await listFindings(findingsTable, other)).toEqual([]);
  });

  it('stores no secret value: the items hold scheme and type names only', async () => {
    const { deps, onboard } = setup();
    const tenant = uniqueTenant('secret');
    await configured(tenant);
    const secretPath = '/v1/users/jane.doe@telecom.example/cards/4111111111111111';
    await consumeRecords(
      [record(onboard(tenant), [call('GET', secretPath, { sensitive: ['email', 'card'] })], 's#0')],
      deps,
    );
    const dump = JSON.stringify(await listFindings(findingsTable, tenant));
    expect(dump).toContain('sensitive-data-in-url');
    expect(dump).not.toContain('jane.doe');
    expect(dump).not.toContain('4111111111111111');
  });
});
