/**
 * Portal inventory benchmark: one tenant with 50,000 endpoints in DynamoDB Local, then
 * 1. the first inventory page (50 rows) as the tenant-scoped module reads it, in process (p50/p95);
 * 2. the same through the built portal (`next start`): `GET /api/v1/endpoints?limit=50` with an API
 *    token, and the server-rendered /inventory page with a session (p50/p95; target p95 <= 300 ms);
 * 3. the first page sorted by calls (the byCalls index), and under a filter no endpoint matches (the
 *    worst case: one request reads its 5,000-item budget and answers an empty page with a cursor);
 * 4. the API's cursor walk of all 50,000 endpoints (limit=200), checking each is seen exactly once.
 *
 *   tsx bench/portal-inventory.ts [--endpoints N] [--probes N]
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Command } from 'commander';
import { createApiToken } from '#shared/accounts/api-tokens';
import { signUp } from '#shared/accounts/members';
import { inventoryKeys } from '#shared/tables/keys';
import { authenticatedTenant, tenantData } from '#shared/tenancy/tenant-data';
import { startLocalPortal } from '#local/stack/portal';
import { startScratchStack } from '#local/stack/scratch-stack';

const options = new Command()
  .option('--endpoints <n>', 'endpoints in the tenant', (v) => Number.parseInt(v, 10), 50_000)
  .option('--probes <n>', 'first-page requests per measure', (v) => Number.parseInt(v, 10), 200)
  .parse()
  .opts<{ endpoints: number; probes: number }>();

const TENANT = 'bench';
const PASSWORD = 'bench password 123';
const stack = await startScratchStack('surveyor-bench-portal');
const { config, servers, clients, names, dataDir } = stack;

// 50 hosts x 1,000 templates, with the counters and lists a consumed endpoint carries.
const seedStarted = performance.now();
const items = Array.from({ length: options.endpoints }, (_, i) => {
  const host = `api-${String(i % 50).padStart(2, '0')}.bench.example`;
  const method = ['GET', 'POST', 'PUT', 'DELETE'][i % 4]!;
  const path = `/v1/resource-${Math.floor(i / 200)}/items-${Math.floor(i / 4) % 50}/{id}`;
  return {
    pk: inventoryKeys.partition(TENANT),
    sk: inventoryKeys.endpoint(host, method, path),
    host,
    method,
    path,
    calls: 100 + (i % 997),
    s2xx: 90,
    s4xx: 10,
    latencyMsSum: 4200,
    latencyMsMax: 180,
    extCalls: 60,
    auth_bearer: 100,
    countries: ['US', 'DE'],
    asns: ['AS16509'],
    samples: [path.replace('{id}', '42')],
    firstSeen: '2026-11-01T00:00:00.000Z',
    lastSeen: '2026-12-01T00:00:00.000Z',
  };
});
const batches: (typeof items)[] = [];
for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (let batch = batches.pop(); batch !== undefined; batch = batches.pop()) {
      let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await clients.doc.send(
          new BatchWriteCommand({ RequestItems: { [names.inventoryTable]: pending } }),
        );
        pending = (result.UnprocessedItems?.[names.inventoryTable] ?? []) as Record<string, unknown>[];
      }
    }
  }),
);
console.log(
  `seeded ${options.endpoints} endpoints in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
async function measure(label: string, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 10; i += 1) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < options.probes; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  console.log(
    `${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (${options.probes} requests)`,
  );
}

const data = tenantData(authenticatedTenant(TENANT, 'bench'), {
  doc: clients.doc,
  inventoryTable: names.inventoryTable,
  findingsTable: names.findingsTable,
});
await measure('first page, tenantData in process', () => data.inventory.page({ limit: 50 }));

const accounts = { doc: clients.doc, tableName: names.accountsTable, now: () => new Date() };
await signUp(accounts, { email: 'bench@bench.example', password: PASSWORD, tenant: TENANT });
const { token } = await createApiToken(accounts, TENANT, {
  name: 'bench',
  role: 'viewer',
  createdBy: 'bench',
});
Object.assign(process.env, {
  AWS_ENDPOINT_URL_DYNAMODB: servers.endpoints.dynamodb,
  AWS_REGION: config.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  INVENTORY_TABLE: names.inventoryTable,
  FINDINGS_TABLE: names.findingsTable,
});
const portal = await startLocalPortal({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  accountsTable: names.accountsTable,
  intakeUrl: undefined,
  log: () => undefined,
});
try {
  const bearer = { authorization: `Bearer ${token}` };
  await measure('first page, GET /api/v1/endpoints?limit=50 (next start)', async () => {
    const response = await fetch(`${portal.url}/api/v1/endpoints?limit=50`, { headers: bearer });
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    await response.arrayBuffer();
  });

  for (const [label, query] of [
    ['sorted by calls', 'sort=calls'],
    ['filter matching nothing (exposure=internal)', 'exposure=internal'],
  ]) {
    await measure(`first page, ${label}, GET /api/v1/endpoints (next start)`, async () => {
      const response = await fetch(`${portal.url}/api/v1/endpoints?limit=50&${query}`, { headers: bearer });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      await response.arrayBuffer();
    });
  }

  const cookie = await signIn(portal.url);
  await measure('first page, /inventory server-rendered (next start)', async () => {
    const response = await fetch(`${portal.url}/inventory`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`status ${response.status}`);
    await response.arrayBuffer();
  });

  const walkStarted = performance.now();
  const seen = new Set<string>();
  let pages = 0;
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${cursor}`;
    const response = await fetch(`${portal.url}/api/v1/endpoints?limit=200${query}`, { headers: bearer });
    const body = (await response.json()) as { endpoints: { id: string }[]; nextCursor: string | null };
    for (const endpoint of body.endpoints) seen.add(endpoint.id);
    pages += 1;
    cursor = body.nextCursor;
  } while (cursor !== null);
  const walkMs = performance.now() - walkStarted;
  console.log(
    `cursor walk, limit=200: ${seen.size} distinct endpoints of ${options.endpoints} in ${pages} pages, ${(walkMs / 1000).toFixed(1)} s (${(walkMs / pages).toFixed(0)} ms a page)`,
  );
  if (seen.size !== options.endpoints) process.exitCode = 1;
} finally {
  await portal.stop();
  await stack.stop();
}

async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, email: 'bench@bench.example', password: PASSWORD, json: 'true' }),
  });
  keep(response);
  return header();
}
