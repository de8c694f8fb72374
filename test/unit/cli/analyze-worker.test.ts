/**
 * `surveyor analyze --worker always` (parsing on a worker thread), alone and with a counting worker
 * (`--count-workers 1`: hosts shared between two threads), against `--worker never` (one thread):
 * the same stdout, stderr and exit code, byte for byte, on inputs that exercise what could differ:
 * several files, hosts and formats, batch ends (templater merges land there), quarantined lines and
 * their line numbers, gzip, specs and rules, and read errors.
 */
import { describe, it, expect, beforeAll } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FINDING_LOGS, findingsFixture, run, type CliResult } from './run-cli.ts';

/** Each test runs the CLI three times over; a loaded machine takes a while. */
const THREE_RUNS_MS = 120_000;
const dir = mkdtempSync(join(tmpdir(), 'surveyor-worker-'));
const HOSTS = ['api.example.com', 'shop.example.com', 'dev.internal.example.com'];
const RESOURCES = ['users', 'orders', 'items', 'carts', 'sessions'];

/** Line `i` of a deterministic ALB log: new ids, repeated paths, sensitive values, bad lines. */
function albLine(i: number): string {
  if (i % 997 === 0) return `not a log line ${i}`;
  const host = HOSTS[i % HOSTS.length]!;
  const resource = RESOURCES[(i * 7) % RESOURCES.length]!;
  const id = i % 5 === 0 ? 'me' : String((i * 7919) % 100_003);
  const tail = i % 11 === 0 ? `/${resource}-${i % 40}` : i % 13 === 0 ? `?email=jane${i}@example.com` : '';
  const second = String(Math.floor(i / 100) % 60).padStart(2, '0');
  const ip = i % 4 === 0 ? `10.0.${i % 250}.${i % 7}` : `198.51.${i % 200}.${i % 97}`;
  const tls = i % 3 === 0 ? 'TLSv1.3' : 'TLSv1.2';
  const status = [200, 201, 404, 500][i % 4];
  return `https 2024-05-01T12:${second}:00.${String(i % 1000).padStart(3, '0')}456Z app/lb/1 ${ip}:5000 10.0.0.1:80 0.001 0.0${i % 90} 0.001 ${status} ${status} ${i % 500} ${i % 9000} "GET https://${host}:443/v1/${resource}/${id}${tail} HTTP/1.1" "ua" ECDHE ${tls} arn "Root=1" "${host}" "-" 1 2024-05-01T12:00:00.100000Z "forward" "-" "-"`;
}

function albLog(from: number, count: number): string {
  return Array.from({ length: count }, (_, k) => albLine(from + k)).join('\n') + '\n';
}

/** `surveyor analyze args` on one thread, with the parse worker, and with a counting worker too. */
async function threeWays(args: string[]): Promise<[CliResult, CliResult, CliResult]> {
  return [
    await run(['analyze', '--worker', 'never', ...args]),
    await run(['analyze', '--worker', 'always', ...args]),
    await run(['analyze', '--worker', 'always', '--count-workers', '1', ...args]),
  ];
}

describe('surveyor analyze on a worker thread', () => {
  let plain: string;
  let second: string;
  let gz: string;
  beforeAll(() => {
    // Past one 4,096-line batch, so merges land at batch ends in every run.
    plain = join(dir, 'alb-a.log');
    writeFileSync(plain, albLog(0, 5_000));
    second = join(dir, 'alb-b.log');
    writeFileSync(second, albLog(5_000, 1_500));
    gz = join(dir, 'alb-a.log.gz');
    writeFileSync(gz, gzipSync(albLog(0, 5_000)));
  });

  it(
    'prints the same JSON and summary as one thread, over several plain files',
    async () => {
      const [single, parsed, counted] = await threeWays(['--json', '--format', 'alb', plain, second]);
      expect(single.code).toBe(0);
      expect(JSON.parse(single.stdout).lines).toBe(6_500);
      expect(single.stderr).toMatch(/6500 lines, \d+ endpoints, 7 quarantined/);
      expect(parsed).toEqual(single);
      expect(counted).toEqual(single);
    },
    THREE_RUNS_MS,
  );

  it(
    'prints the same table and quarantined lines as one thread, from gzip',
    async () => {
      const [single, parsed, counted] = await threeWays([gz]);
      expect(single.code).toBe(0);
      expect(single.stderr).toContain(`line 998 of ${gz}: unknown ALB request type "not"`);
      expect(parsed).toEqual(single);
      expect(counted).toEqual(single);
    },
    THREE_RUNS_MS,
  );

  it(
    'detects each file format and assesses specs and rules as one thread does',
    async () => {
      const args = [
        '--json',
        '--spec',
        findingsFixture('openapi.yaml'),
        '--rules',
        findingsFixture('rules.yaml'),
      ];
      const [single, parsed, counted] = await threeWays([...args, ...FINDING_LOGS]);
      expect(single.code).toBe(0);
      expect(JSON.parse(single.stdout).findings.length).toBeGreaterThan(0);
      expect(parsed).toEqual(single);
      expect(counted).toEqual(single);
    },
    THREE_RUNS_MS,
  );

  it(
    'fails as one thread does on a corrupt gzip file and on a missing one',
    async () => {
      const corrupt = join(dir, 'corrupt.log.gz');
      const bytes = gzipSync(albLog(0, 2_000));
      writeFileSync(corrupt, Buffer.concat([bytes.subarray(0, bytes.length / 2), Buffer.from('garbage')]));
      const [single, parsed, counted] = await threeWays([corrupt]);
      expect(single.code).toBe(1);
      expect(single.stderr).toMatch(/^surveyor: cannot read input: unexpected end of file/m);
      expect(parsed).toEqual(single);
      expect(counted).toEqual(single);
      const [missingSingle, missingParsed, missingCounted] = await threeWays([plain, join(dir, 'nope.log')]);
      expect(missingSingle.code).toBe(1);
      expect(missingParsed).toEqual(missingSingle);
      expect(missingCounted).toEqual(missingSingle);
    },
    THREE_RUNS_MS,
  );
});
