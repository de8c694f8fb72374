import { describe, it, expect } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { assessTenants } from '#shared/findings/assess-tenants';
import { writeAssessmentCursor } from '#shared/findings/assessment-cursor';
import { listFindings } from '#shared/findings/store';
import { loadTenantConfig, putSpec } from '#shared/tenancy/tenant-config';
import { tenantScope } from '#shared/tables/keys';
import { localEnv, uniqueTenant } from '../local-env.ts';

const { endpoints, names, clients } = localEnv();
const findingsTable = { doc: clients.doc, tableName: names.findingsTable };

/** A spec documenting `operations` GET paths, none of them ever called: one unused-endpoint each. */
function specWith(host: string, operations: number): string {
  const paths = Array.from(
    { length: operations },
    (_, i) => `  /op${i}:\n    get: { responses: { '200': { description: ok } } }`,
  );
  return `openapi: 3.0.3\ninfo: { title: T, version: '1' }\nservers: [{ url: 'https://${host}' }]\npaths:\n${paths.join('\n')}\n`;
}

/** A client to the same DynamoDB Local whose every request touching `tenant`'s partition waits `ms`. */
function slowFor(tenant: string, ms: number): DynamoDBDocumentClient {
  const dynamodb = new DynamoDBClient({
    endpoint: endpoints.dynamodb,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const doc = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  doc.middlewareStack.add(
    (next) => async (args) => {
      if (JSON.stringify(args.input).includes(tenantScope(tenant))) await sleep(ms);
      return next(args);
    },
    { step: 'initialize', name: 'slow-tenant' },
  );
  return doc;
}

const unusedCount = async (tenant: string) =>
  (await listFindings(findingsTable, tenant)).filter((f) => f.type === 'unused-endpoint').length;

describe('scheduled assessment: each tenant has its own time budget', () => {
  it('cuts off a slow tenant at its budget, still assesses the next one, and resumes the slow one run by run', async () => {
    const slow = uniqueTenant('a-slow');
    const quick = uniqueTenant('b-quick');
    const config = { doc: clients.doc, tableName: names.inventoryTable };
    await putSpec(config, slow, 'big', specWith('big.example.com', 160));
    await putSpec(config, quick, 'small', specWith('small.example.com', 2));
    await writeAssessmentCursor(findingsTable, { resume: {} });
    const doc = slowFor(slow, 100);
    const deps = { doc, inventoryTable: names.inventoryTable, findingsTable: names.findingsTable };
    const options = {
      tenantBudgetMs: 2_000,
      remainingMs: () => 600_000,
      now: '2024-05-02T00:00:00.000Z',
      loadConfig: (tenant: string) => loadTenantConfig({ doc, tableName: names.inventoryTable }, tenant),
    };

    const first = await assessTenants(deps, [quick, slow], options);

    // The slow tenant goes first (sorted order) and overruns; the quick one is assessed all the same.
    expect(first).toEqual({ assessed: [quick], failed: [], deferred: [slow], notReached: [] });
    expect(await unusedCount(quick)).toBe(2);
    const seen = [await unusedCount(slow)];
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[0]).toBeLessThan(160);

    // Each later run resumes the slow tenant's writes where the last stopped, so its findings
    // complete over runs although one pass over them takes longer than its budget.
    while (seen.at(-1)! < 160 && seen.length < 10) {
      const run = await assessTenants(deps, [quick, slow], options);
      expect(run).toEqual({ assessed: [quick], failed: [], deferred: [slow], notReached: [] });
      seen.push(await unusedCount(slow));
      expect(seen.at(-1)!).toBeGreaterThan(seen.at(-2)!);
    }
    expect(seen.at(-1)).toBe(160);
  }, 180_000);

  it('starts the next run with the tenants a run did not reach', async () => {
    const [first, second] = [uniqueTenant('c-first'), uniqueTenant('d-second')];
    const config = { doc: clients.doc, tableName: names.inventoryTable };
    await putSpec(config, first, 'one', specWith('one.example.com', 1));
    await putSpec(config, second, 'two', specWith('two.example.com', 1));
    await writeAssessmentCursor(findingsTable, { resume: {} });
    const deps = {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      findingsTable: names.findingsTable,
    };
    // Time for one tenant's budget (plus the run's margin), then none.
    const onlyOne = () => {
      let calls = 0;
      return () => (calls++ === 0 ? 60_000 : 0);
    };
    const options = {
      tenantBudgetMs: 10_000,
      now: '2024-05-02T00:00:00.000Z',
      loadConfig: (tenant: string) => loadTenantConfig(config, tenant),
    };

    const runOne = await assessTenants(deps, [second, first], { ...options, remainingMs: onlyOne() });
    const runTwo = await assessTenants(deps, [second, first], { ...options, remainingMs: onlyOne() });

    expect(runOne).toEqual({ assessed: [first], failed: [], deferred: [], notReached: [second] });
    expect(runTwo).toEqual({ assessed: [second], failed: [], deferred: [], notReached: [first] });
    expect(await unusedCount(second)).toBe(1);
  }, 60_000);
});
