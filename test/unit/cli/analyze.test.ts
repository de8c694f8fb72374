import { describe, it, expect, beforeAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { validate } from '@readme/openapi-parser';
import { validateEndpointSummary } from '#events/validate';

const BIN = join(process.cwd(), 'bin/surveyor.js');
const dir = mkdtempSync(join(tmpdir(), 'surveyor-cli-'));

function run(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : (error.code as number), stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

function albLine(path: string, ip = '203.0.113.9', status = 200): string {
  return `https 2024-05-01T12:00:00.123456Z app/lb/1 ${ip}:5000 10.0.0.1:80 0.001 0.010 0.001 ${status} ${status} 10 20 "GET https://api.example.com:443${path} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "api.example.com" "-" 1 2024-05-01T12:00:00.100000Z "forward" "-" "-"`;
}

describe('surveyor analyze', () => {
  let gz: string;
  beforeAll(() => {
    const lines = [
      ...Array.from({ length: 30 }, (_, i) =>
        albLine(`/users/${1000 + i}/orders?token=SECRET${i}`, `198.51.100.${i}`),
      ),
      albLine('/users/me'),
      'this is not a log line',
      albLine('/health', '203.0.113.1', 503),
    ];
    gz = join(dir, 'alb.log.gz');
    writeFileSync(gz, gzipSync(lines.join('\n') + '\n'));
  });

  it('prints one JSON document with templated endpoints, counts and quarantined lines', async () => {
    const { code, stdout } = await run(['analyze', '--json', gz]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      endpoints: { path: string; calls: number; clients: number }[];
      quarantined: number;
      lines: number;
    };
    expect(report.lines).toBe(33);
    expect(report.quarantined).toBe(1);
    expect(report.endpoints.map((e) => [e.path, e.calls])).toEqual([
      ['/health', 1],
      ['/users/me', 1],
      ['/users/{id}/orders', 30],
    ]);
    expect(report.endpoints[2]!.clients).toBeGreaterThanOrEqual(28);
    for (const e of report.endpoints) expect(validateEndpointSummary(e)).toBe(true);
  });

  it('never prints a query value', async () => {
    const json = await run(['analyze', '--json', gz]);
    const table = await run(['analyze', gz]);
    expect(json.stdout + json.stderr + table.stdout + table.stderr).not.toMatch(/SECRET/);
  });

  it('reads stdin with - and prints a table with a summary on stderr', async () => {
    const { code, stdout, stderr } = await run(['analyze', '-'], albLine('/v1/items/42') + '\n');
    expect(code).toBe(0);
    expect(stdout).toContain('/v1/items/{id}');
    expect(stderr).toMatch(/1 lines, 1 endpoints, 0 quarantined/);
  });

  it('writes an OpenAPI 3.1 document that a real validator accepts', async () => {
    const out = join(dir, 'discovered.json');
    const { code } = await run(['analyze', '--openapi', out, gz]);
    expect(code).toBe(0);
    const document = JSON.parse(readFileSync(out, 'utf8')) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/users/{id}/orders');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid).toBe(true);
  });

  it('honours pinned templates from --templates', async () => {
    const rules = join(dir, 'templates.yaml');
    writeFileSync(rules, 'hosts:\n  api.example.com:\n    pinned: ["/users/{userId}/orders"]\n');
    const { stdout } = await run(['analyze', '--json', '--templates', rules, gz]);
    expect(stdout).toContain('/users/{userId}/orders');
  });

  it('fails clearly on a missing file (exit 1) and on bad arguments (exit 2)', async () => {
    const missing = await run(['analyze', join(dir, 'nope.log')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.log: no such file/);
    const bad = await run(['analyze', '--format', 'xml', gz]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/use one of alb, apigw, nginx, apache, envoy, json, auto/);
    const rules = join(dir, 'bad.yaml');
    writeFileSync(rules, 'hosts: { h: { pinned: ["no-slash"] } }');
    const invalid = await run(['analyze', '--templates', rules, gz]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/pinned/);
  });
});
