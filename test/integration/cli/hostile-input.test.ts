/**
 * Issue 9's "Done when": with `npm start` running, a file mixing normal calls with what an attacker
 * can put in a request line, sent through `surveyor local ingest`, keeps the normal endpoints' exact
 * counts, stores and prints no sensitive value, sends nothing to the failure destination, and a
 * forged Kinesis record with an oversized key id leaves later ingestion unaffected.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ListBucketsCommand, ListObjectsV2Command, GetObjectCommand } from '@aws-sdk/client-s3';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { localClients, type LocalClients } from '#local/stack/clients';
import { resourceNames } from '#local/stack/resource-names';
import { PIPELINE_PORTS, startLocalStack, surveyor as run, type LocalStackProcess } from './run-cli.ts';

const PREFIX = 'hostile';
const names = resourceNames(PREFIX);
let stack: LocalStackProcess;
let clients: LocalClients;
const surveyor = (args: string[]) => run(stack.env, args);

/** Values that must appear nowhere: stored items, objects, CLI output, logs. Plain and encoded. */
const SENSITIVE = [
  '078-05-1120',
  '078%2D05%2D1120',
  '078051120',
  '4111-1111-1111-1111',
  '4111 1111 1111 1111',
  '4111%201111%201111%201111',
  '4111111111111111',
  '5500-0000-0000-0004',
  '+1-555-123-4567',
  '%2B1-555-123-4567',
  '555-123-4567',
  '5551234567',
  'AKIAIOSFODNN7EXAMPLE',
  'jane.doe@telecom.example',
  'jane.doe%40telecom.example',
  'jane.doe',
];

const HOST = 'orders.example.com';
const LONG_HOST = `${'h'.repeat(288)}.example.com`;
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india'];

function albLine(method: string, host: string, path: string, second = 0): string {
  const time = `2024-05-01T12:00:${String(second % 60).padStart(2, '0')}.123456Z`;
  return `https ${time} app/lb/1 203.0.113.7:443 10.0.0.1:80 0.001 0.004 0.001 200 200 10 20 "${method} https://${host}:443${path} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "${host}" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`;
}

/** A path of vocabulary words (literals for the templater) about `bytes` long. */
function longPath(bytes: number): string {
  let path = '/v1/files';
  for (let i = 0; path.length < bytes; i++) path += `/${WORDS[i % WORDS.length]}`;
  return path;
}

/** Twelve letters unique to (i, depth): a literal segment no heuristic turns into a parameter. */
function letters(i: number, depth: number): string {
  let n = i * 64 + depth;
  let out = '';
  for (let k = 0; k < 12; k++) {
    out += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26) + k * 7;
  }
  return out;
}

/** The normal traffic: three endpoints with known counts. */
function normalLines(offset: number): string[] {
  return [
    ...Array.from({ length: 30 }, (_, i) => albLine('GET', HOST, `/v1/orders/${1000 + offset + i}`, i)),
    ...Array.from({ length: 20 }, (_, i) => albLine('GET', HOST, '/v1/status', i)),
    ...Array.from({ length: 10 }, (_, i) => albLine('POST', HOST, '/v1/orders', i)),
  ];
}

const ATTACKS = [
  albLine('GET', HOST, longPath(1400)),
  albLine('GET', HOST, longPath(6000)),
  albLine('GET', LONG_HOST, '/v1/status'),
  albLine('GET', HOST, '/api/ssn/078-05-1120'),
  albLine('GET', HOST, '/api/ssn/078%2D05%2D1120'),
  albLine('GET', HOST, '/api/cards/4111-1111-1111-1111'),
  albLine('GET', HOST, '/api/cards/4111 1111 1111 1111'),
  albLine('GET', HOST, '/api/cards/4111%201111%201111%201111'),
  albLine('GET', HOST, '/api/cards/4111111111111111/charges'),
  albLine('GET', HOST, '/api/cards/5500-0000-0000-0004'),
  albLine('GET', HOST, '/api/phones/+1-555-123-4567'),
  albLine('GET', HOST, '/api/phones/%2B1-555-123-4567'),
  albLine('GET', HOST, '/api/phones/555-123-4567'),
  albLine('GET', HOST, '/api/keys/AKIAIOSFODNN7EXAMPLE'),
  albLine('GET', HOST, '/api/users/jane.doe@telecom.example'),
  albLine('GET', HOST, '/api/users/jane.doe%40telecom.example/orders'),
];

/** Deep paths under distinct first segments: each adds a chain of literals to the host's state. */
const DEEP = Array.from({ length: 400 }, (_, i) =>
  albLine(
    'GET',
    'deep.example.com',
    '/' + Array.from({ length: 30 }, (_, depth) => letters(i, depth)).join('/'),
  ),
);

beforeAll(async () => {
  stack = await startLocalStack({
    label: 'hostile',
    ports: PIPELINE_PORTS,
    // One shard: a record that blocks its shard would block every later record (the forged test).
    env: { SURVEYOR_PREFIX: PREFIX, SURVEYOR_KINESIS_SHARDS: '1' },
  });
  const { env } = stack;
  clients = localClients({
    dynamodb: `http://127.0.0.1:${env.SURVEYOR_DYNAMODB_PORT}`,
    kinesis: `http://127.0.0.1:${env.SURVEYOR_KINESIS_PORT}`,
    s3: `http://127.0.0.1:${env.SURVEYOR_S3_PORT}`,
  });
}, 90_000);

afterAll(() => stack.stop());

interface Endpoint {
  host: string;
  method: string;
  path: string;
  calls: number;
}

async function inventory(tenant: string): Promise<Endpoint[]> {
  const result = await surveyor(['inventory', '--tenant', tenant, '--json']);
  expect([result.code, result.stderr]).toEqual([0, expect.any(String)]);
  return (JSON.parse(result.stdout) as { endpoints: Endpoint[] }).endpoints;
}

function callsOf(endpoints: readonly Endpoint[], method: string, path: string): number {
  return endpoints.find((e) => e.host === HOST && e.method === method && e.path === path)?.calls ?? 0;
}

async function everythingStored(): Promise<string> {
  const parts: string[] = [];
  const tables = await clients.dynamodb.send(new ListTablesCommand({}));
  for (const table of tables.TableNames ?? []) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await clients.doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) parts.push(JSON.stringify(item));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  }
  const buckets = await clients.s3.send(new ListBucketsCommand({}));
  for (const bucket of buckets.Buckets ?? []) {
    // The ALB log bucket plays the customer's own bucket: it holds the input file itself.
    if (bucket.Name === names.albLogBucket) continue;
    for (const object of await objects(bucket.Name!)) parts.push(object);
  }
  return parts.join('\n');
}

async function objects(bucket: string): Promise<string[]> {
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  const out: string[] = [];
  for (const object of listed.Contents ?? []) {
    const got = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key! }));
    out.push(`${object.Key}\n${await got.Body!.transformToString()}`);
  }
  return out;
}

/** What reached the failure destination: the error of each object, not its (large) payload. */
async function failedRecords(): Promise<string[]> {
  return (await objects(names.failureBucket)).map(
    (text) => /"errorDescription":"([^"]{0,200})/.exec(text)?.[1] ?? text.slice(0, 200),
  );
}

function expectNoSensitive(where: string, text: string): void {
  const found = SENSITIVE.filter((value) => text.includes(value));
  expect([where, found]).toEqual([where, []]);
}

function expectBounded(endpoints: readonly Endpoint[]): void {
  for (const e of endpoints) {
    expect(Buffer.byteLength(e.path)).toBeLessThanOrEqual(512);
    expect(e.path.split('/').length - 1).toBeLessThanOrEqual(32);
    expect(Buffer.byteLength(e.host)).toBeLessThanOrEqual(253);
  }
}

describe('hostile input through npm start and surveyor local ingest', () => {
  it('counts normal traffic exactly, stores and prints no sensitive value, fails nothing', async () => {
    const tenant = 'hostile';
    const file = join(stack.dataDir, 'mixed.log');
    const lines = [...normalLines(0), ...ATTACKS, ...DEEP];
    writeFileSync(file, lines.join('\n') + '\n');

    const ingest = await surveyor(['local', 'ingest', '--tenant', tenant, file]);
    const analyzed = await surveyor(['analyze', '--json', file]);
    const endpoints = await inventory(tenant);

    expect(ingest.code).toBe(0);
    expect(callsOf(endpoints, 'GET', '/v1/orders/{id}')).toBe(30);
    expect(callsOf(endpoints, 'GET', '/v1/status')).toBe(20);
    expect(callsOf(endpoints, 'POST', '/v1/orders')).toBe(10);
    // Nothing an attacker sent hides a call: every line is counted somewhere.
    expect(endpoints.reduce((sum, e) => sum + e.calls, 0)).toBe(lines.length);
    expectBounded(endpoints);
    expect(analyzed.code).toBe(0);
    const fromAnalyze = (JSON.parse(analyzed.stdout) as { endpoints: Endpoint[] }).endpoints;
    expectBounded(fromAnalyze);
    expect(fromAnalyze.reduce((sum, e) => sum + e.calls, 0)).toBe(lines.length);

    expect(await failedRecords()).toEqual([]);
    expectNoSensitive('inventory --json', JSON.stringify(endpoints));
    expectNoSensitive('analyze --json', analyzed.stdout + analyzed.stderr);
    expectNoSensitive('local ingest', ingest.stdout + ingest.stderr);
    expectNoSensitive('DynamoDB and S3', await everythingStored());
    expectNoSensitive('stack logs', stack.output());
  }, 240_000);

  it('rejects a forged record with a 2 KB key id alone: later ingestion is unaffected', async () => {
    const tenant = 'forged';
    await clients.kinesis.send(
      new PutRecordCommand({
        StreamName: names.stream,
        PartitionKey: 'forged',
        Data: Buffer.from(`sv1.ik_${'k'.repeat(2048)}.c2lnbmF0dXJl.{"calls":[]}`),
      }),
    );
    const file = join(stack.dataDir, 'after-forged.log');
    writeFileSync(file, normalLines(500).join('\n') + '\n');

    const ingest = await surveyor(['local', 'ingest', '--tenant', tenant, file]);
    const endpoints = await inventory(tenant);

    expect(ingest.code).toBe(0);
    expect(callsOf(endpoints, 'GET', '/v1/orders/{id}')).toBe(30);
    expect(callsOf(endpoints, 'GET', '/v1/status')).toBe(20);
    expect(callsOf(endpoints, 'POST', '/v1/orders')).toBe(10);
    expect(await failedRecords()).toEqual([]);
    // The forger's bytes are not kept: at most a bounded reason.
    expect(await everythingStored()).not.toContain('k'.repeat(200));
  }, 240_000);
});
