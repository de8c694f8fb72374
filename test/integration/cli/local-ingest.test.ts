import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  freePort,
  PIPELINE_PORTS,
  startLocalStack,
  surveyor as run,
  type LocalStackProcess,
} from './run-cli.ts';

let stack: LocalStackProcess;
let env: NodeJS.ProcessEnv;
const surveyor = (args: string[]) => run(env, args);

beforeAll(async () => {
  stack = await startLocalStack({
    label: 'start',
    ports: PIPELINE_PORTS,
  });
  env = stack.env;
}, 60_000);

afterAll(() => stack.stop());

function albLine(i: number): string {
  const path = [
    `/v1/orders/${1000 + (i % 50)}`,
    `/v1/orders/${2000 + i}/items`,
    '/v1/status',
    `/v1/users/${(i * 7919).toString(16)}abc123`,
  ][i % 4];
  return `https 2024-05-01T12:00:${String(i % 60).padStart(2, '0')}.123456Z app/lb/1 203.0.113.${i % 100}:443 10.0.0.1:80 0.001 0.004 0.001 200 200 10 20 "GET https://orders.example.com:443${path} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "orders.example.com" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`;
}

/** Exit code 0; on failure the assertion shows what the command printed. */
function expectSuccess(result: { code: number; stderr: string }): void {
  expect([result.code, result.stderr]).toEqual([0, expect.any(String)]);
}

describe('npm start, then surveyor local ingest and surveyor inventory', () => {
  it('stores the same endpoints for an ingested file as analyze infers from it', async () => {
    const file = join(stack.dataDir, 'orders.log');
    writeFileSync(file, Array.from({ length: 400 }, (_, i) => albLine(i)).join('\n') + '\n');

    const ingest = await surveyor(['local', 'ingest', '--tenant', 'acme', file]);
    const inventory = await surveyor(['inventory', '--tenant', 'acme', '--json']);
    const analyzed = await surveyor(['analyze', '--json', file]);

    expect(ingest.code).toBe(0);
    expect(ingest.stderr).toMatch(/400 new calls counted/);
    const shape = (e: { host: string; method: string; path: string; calls: number }) =>
      `${e.host} ${e.method} ${e.path} ${e.calls}`;
    const stored = (
      JSON.parse(inventory.stdout) as {
        endpoints: { host: string; method: string; path: string; calls: number }[];
      }
    ).endpoints.map(shape);
    const expected = (
      JSON.parse(analyzed.stdout) as {
        endpoints: { host: string; method: string; path: string; calls: number }[];
      }
    ).endpoints.map(shape);
    expect(stored).toEqual(expected);
    expect(stored).toContain('orders.example.com GET /v1/orders/{id}/items 100');
  }, 60_000);

  it('ingests API Gateway access logs through the CloudWatch Logs forwarder path', async () => {
    const file = join(stack.dataDir, 'payments.jsonl');
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({
        requestId: `r${i}`,
        ip: '198.51.100.7',
        requestTimeEpoch: 1714564800000 + i,
        httpMethod: 'GET',
        routeKey: 'GET /payments/{id}',
        path: `/payments/${i}`,
        status: 200,
        domainName: 'pay.example.com',
        apiId: 'p1',
      }),
    );
    writeFileSync(file, lines.join('\n') + '\n');

    const ingest = await surveyor(['local', 'ingest', '--tenant', 'payco', file]);
    const inventory = await surveyor(['inventory', '--tenant', 'payco', '--json']);

    expect(ingest.code).toBe(0);
    const endpoints = (JSON.parse(inventory.stdout) as { endpoints: { path: string; calls: number }[] })
      .endpoints;
    expect(endpoints.map((e) => [e.path, e.calls])).toEqual([['/payments/{id}', 30]]);
  }, 60_000);

  it('judges ingested traffic against an uploaded spec and rules, exports policy, tracks status', async () => {
    const spec = join(stack.dataDir, 'telecom.yaml');
    writeFileSync(
      spec,
      [
        'openapi: 3.0.3',
        "info: { title: Telecom, version: '1' }",
        "servers: [{ url: 'https://api.telecom.example' }]",
        'paths:',
        '  /lines/{lineId}:',
        '    get:',
        '      parameters: [{ name: lineId, in: path, required: true, schema: { type: string } }]',
        "      responses: { '200': { description: ok } }",
        '  /plans:',
        "    get: { responses: { '200': { description: ok } } }",
      ].join('\n') + '\n',
    );
    const rules = join(stack.dataDir, 'rules.json');
    writeFileSync(
      rules,
      JSON.stringify({
        settings: { expectedCountries: ['US'] },
        rules: [
          {
            id: 'external-writes',
            category: 'Writes from the internet',
            severity: 'high',
            action: 'block',
            match: { methods: ['POST'], exposure: 'external' },
          },
        ],
      }),
    );
    const line = (method: string, path: string, ip: string) =>
      `https 2024-05-01T12:00:00.123456Z app/lb/1 ${ip}:443 10.0.0.1:80 0.001 0.004 0.001 201 201 10 20 "${method} https://api.telecom.example:443${path} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "api.telecom.example" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`;
    const logs = join(stack.dataDir, 'telecom.log');
    writeFileSync(
      logs,
      [
        ...Array.from({ length: 20 }, (_, i) => line('GET', `/lines/${5550000 + i}`, '8.8.8.8')),
        line('POST', '/lines/5550001', '77.88.8.8'),
      ].join('\n') + '\n',
    );

    expectSuccess(await surveyor(['spec', '--tenant', 'telecom', spec]));
    const bad = join(stack.dataDir, 'bad-rules.json');
    writeFileSync(bad, '{"rules":[{"id":"x","category":"c","severity":"urgent","match":{}}]}');
    const rejected = await surveyor(['rules', '--tenant', 'telecom', bad]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/\/rules\/0\/severity/);
    expectSuccess(await surveyor(['rules', '--tenant', 'telecom', rules]));
    expectSuccess(await surveyor(['local', 'ingest', '--tenant', 'telecom', logs]));

    type Row = { id: string; type: string; method?: string; path?: string; status: string };
    const list = async (...extra: string[]) =>
      (
        JSON.parse((await surveyor(['findings', '--tenant', 'telecom', '--json', ...extra])).stdout) as {
          findings: Row[];
        }
      ).findings;
    const open = await list('--status', 'open');
    const summary = open.map((f) => `${f.type} ${f.method ?? ''} ${f.path ?? ''}`.trim()).sort();
    expect(summary).toEqual([
      'custom:external-writes POST /lines/{id}',
      'method-not-in-spec POST /lines/{id}',
      'unused-endpoint GET /plans',
      'unusual-geography POST /lines/{id}',
    ]);

    const waf = join(stack.dataDir, 'waf.json');
    const exported = await surveyor([
      'findings',
      '--tenant',
      'telecom',
      '--policy',
      'custom:external-writes',
      '--waf',
      waf,
    ]);
    expectSuccess(exported);
    const group = JSON.parse(readFileSync(waf, 'utf8')) as { Rules: { Action: Record<string, unknown> }[] };
    expect(group.Rules.length).toBeGreaterThan(0);
    expect(Object.keys(group.Rules[0]!.Action)).toEqual(['Block']);

    const target = open.find((f) => f.type === 'method-not-in-spec')!;
    const resolve = await surveyor([
      'finding',
      'resolve',
      target.id,
      '--tenant',
      'telecom',
      '--by',
      'alice',
      '--reason',
      'POST disabled',
    ]);
    expectSuccess(resolve);
    // Resolved: the one alice resolved, and the spec's operation that was unused until traffic came.
    const resolved = (await list('--status', 'resolved')).map((f) => `${f.type} ${f.path ?? ''}`).sort();
    expect(resolved).toEqual(['method-not-in-spec /lines/{id}', 'unused-endpoint /lines/{lineId}']);
    expect(await list()).toHaveLength(5);
  }, 90_000);

  it('says how to start the stack when it is not running', async () => {
    const saved = env;
    env = { ...env, SURVEYOR_DYNAMODB_PORT: String(await freePort()) };
    const result = await surveyor(['inventory', '--tenant', 'acme']);
    env = saved;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/npm start/);
  });
});
