/**
 * The "done when", end to end: `npm start`, a key from `surveyor keys create`, curl posting
 * nginx lines to the intake the banner names, and the lines in `surveyor inventory --tenant T --json`.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { run as runIn, startLocalStack, surveyor as runSurveyor, type LocalStackProcess } from './run-cli.ts';

let stack: LocalStackProcess;
let intakeUrl: string;
const run = (file: string, args: string[]) => runIn(file, args, stack.env);
const surveyor = (args: string[]) => runSurveyor(stack.env, args);

/** curl's status code and body: `curl -s -o - -w '\n%{http_code}' ...`. */
async function curl(args: string[]): Promise<{ status: number; body: string }> {
  const result = await run('curl', ['-sS', '-o', '-', '-w', '\n%{http_code}', ...args]);
  const at = result.stdout.lastIndexOf('\n');
  return { status: Number(result.stdout.slice(at + 1)), body: result.stdout.slice(0, at) };
}

beforeAll(async () => {
  stack = await startLocalStack({
    label: 'intake',
    ports: ['SURVEYOR_DYNAMODB_PORT', 'SURVEYOR_KINESIS_PORT', 'SURVEYOR_S3_PORT', 'SURVEYOR_INGEST_PORT'],
  });
  intakeUrl = /^Ingest\s+(http:\/\/127\.0\.0\.1:\d+\/v1\/logs)$/m.exec(stack.banner)![1]!;
}, 60_000);

afterAll(() => stack.stop());

const nginx = (i: number) =>
  `198.51.100.${i % 40} - - [01/May/2024:12:00:${String(i % 60).padStart(2, '0')} +0000] "GET /api/v2/tickets/${7000 + i}/comments?page=2 HTTP/1.1" 200 ${300 + i} "-" "curl/8.5.0"`;

async function inventory(tenant: string): Promise<string[]> {
  const result = await surveyor(['inventory', '--tenant', tenant, '--json']);
  const { endpoints } = JSON.parse(result.stdout) as {
    endpoints: { host: string; method: string; path: string; calls: number }[];
  };
  return endpoints.map((e) => `${e.host} ${e.method} ${e.path} ${e.calls}`);
}

/** The inventory once it holds `calls` calls (the consumer polls Kinesis), or after 30 s. */
async function inventoryWith(tenant: string, calls: number): Promise<string[]> {
  for (let i = 0; i < 60; i++) {
    const endpoints = await inventory(tenant);
    if (endpoints.reduce((sum, e) => sum + Number(e.split(' ').at(-1)), 0) >= calls) return endpoints;
    await new Promise((r) => setTimeout(r, 500));
  }
  return inventory(tenant);
}

describe('npm start, surveyor keys create, curl to the intake, surveyor inventory', () => {
  it("puts nginx lines posted with a tenant's key into that tenant's inventory, and only there", async () => {
    const created = await surveyor(['keys', 'create', '--tenant', 'helpdesk', '--source', 'edge-nginx']);
    const key = created.stdout.trim().split(/\s+/).at(-1)!;
    const file = join(stack.dataDir, 'access.log');
    writeFileSync(file, Array.from({ length: 60 }, (_, i) => nginx(i)).join('\n') + '\n');

    const posted = await curl([
      '-X',
      'POST',
      `${intakeUrl}?format=nginx&host=support.example.com`,
      '-H',
      `Authorization: Bearer ${key}`,
      '-H',
      'X-Surveyor-Tenant: intruder',
      '--data-binary',
      `@${file}`,
    ]);

    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/shown once/);
    expect(posted).toEqual({ status: 202, body: JSON.stringify({ lines: 60, calls: 60, quarantined: 0 }) });
    expect(await inventoryWith('helpdesk', 60)).toEqual([
      'support.example.com GET /api/v2/tickets/{id}/comments 60',
    ]);
    expect(await inventory('intruder')).toEqual([]);
  }, 90_000);

  it('refuses a wrong or revoked key with 401 and an oversized body with 413, storing nothing', async () => {
    const created = await surveyor(['keys', 'create', '--tenant', 'refused']);
    const key = created.stdout.trim().split(/\s+/).at(-1)!;
    const gz = join(stack.dataDir, 'one.log.gz');
    writeFileSync(gz, gzipSync(nginx(1) + '\n'));
    const big = join(stack.dataDir, 'big.log');
    writeFileSync(big, Buffer.alloc(10 * 1024 * 1024 + 10, 'x'));
    const send = (bearer: string, file: string, gzip = false) =>
      curl([
        '-X',
        'POST',
        `${intakeUrl}?format=nginx&host=refused.example.com`,
        '-H',
        `Authorization: Bearer ${bearer}`,
        ...(gzip ? ['-H', 'Content-Encoding: gzip'] : []),
        '--data-binary',
        `@${file}`,
      ]);

    const wrong = await send(`${key.slice(0, -3)}xyz`, gz, true);
    const list = JSON.parse((await surveyor(['keys', 'list', '--tenant', 'refused', '--json'])).stdout) as {
      keys: { keyId: string }[];
    };
    const revoke = await surveyor(['keys', 'revoke', '--tenant', 'refused', list.keys[0]!.keyId]);
    const revoked = await send(key, gz, true);
    const oversized = await send(key, big);
    await new Promise((r) => setTimeout(r, 1500));

    expect([wrong.status, revoke.code, revoked.status, oversized.status]).toEqual([401, 0, 401, 413]);
    expect(await inventory('refused')).toEqual([]);
  }, 90_000);
});
