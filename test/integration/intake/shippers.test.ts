/**
 * The shipper snippets the onboarding module hands out, checked against the local intake by replaying
 * the exact request each shipper's documented HTTP output sends for that configuration (neither
 * Fluent Bit nor Vector is packaged in Debian, so the binaries cannot run here; docs/SHIPPERS.md):
 * - Fluent Bit `http` output, `Format json_lines`: one JSON record per line, the tail input's line in
 *   `log`, `Content-Type: application/x-ndjson`, `User-Agent: Fluent-Bit`, gzip when `Compress gzip`,
 *   each `Header` line added as is (plugins/out_http/http.c).
 * - Vector `http` sink, `encoding.codec = "text"`, `framing.method = "newline_delimited"`: each
 *   event's message and a newline, gzip when `compression = "gzip"`, `auth.strategy = "bearer"` as
 *   `Authorization: Bearer <token>`.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { fluentBitConfig, vectorConfig } from '#shared/onboarding/shipper-snippets';
import type { IntakeServer } from '#local/aws/intake-server';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { drainStream } from '../pipeline/drain-stream.ts';
import { consumeNew, newKey, startTestIntake } from './intake-env.ts';

const { clients, names } = localEnv();
const checkpoints = new Map<string, string>();
let intake: IntakeServer;

beforeAll(async () => {
  await drainStream(checkpoints);
  intake = await startTestIntake();
});
afterAll(() => intake.stop());

const nginxLines = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `203.0.113.${i % 50} - - [01/May/2024:12:${String(i % 60).padStart(2, '0')}:00 +0000] "GET /api/v1/carts/${5000 + i}/items HTTP/1.1" 200 ${100 + i} "-" "Mozilla/5.0"`,
  );

/** `Key   value` settings of a Fluent Bit [OUTPUT] section (first match per key, case-insensitive). */
function fluentBitSetting(config: string, key: string): string {
  const line = config.split('\n').find((l) => l.trim().toLowerCase().startsWith(`${key.toLowerCase()} `));
  return line!.trim().slice(key.length).trim();
}

function vectorSetting(config: string, key: string): string {
  const line = config.split('\n').find((l) => l.startsWith(`${key} = `))!;
  return JSON.parse(line.slice(key.length + 3)) as string;
}

const endpointsOf = async (tenant: string) =>
  (await readInventory(clients.doc, names.inventoryTable, tenant)).map(
    (e) => `${e.host} ${e.method} ${e.path} ${e.calls}`,
  );

describe('shipper configurations from the onboarding module, replayed against the local intake', () => {
  it("Fluent Bit's http output request lands nginx lines in the key's tenant", async () => {
    const tenant = uniqueTenant('fluentbit');
    const key = await newKey(tenant, 'edge-nginx');
    const config = fluentBitConfig({
      intakeUrl: intake.url,
      key,
      format: 'nginx',
      host: 'shop.example.com',
      path: '/var/log/nginx/access.log',
    });
    const [headerName, ...headerValue] = fluentBitSetting(config, 'Header').split(' ');
    const origin = new URL(intake.url);
    expect(fluentBitSetting(config, 'Format')).toBe('json_lines');
    expect(fluentBitSetting(config, 'Compress')).toBe('gzip');
    expect(fluentBitSetting(config, 'Json_Date_Key')).toBe('false');
    const body = nginxLines(25)
      .map((log) => `${JSON.stringify({ log })}\n`)
      .join('');

    const response = await fetch(
      `http://${fluentBitSetting(config, 'Host')}:${fluentBitSetting(config, 'Port')}${fluentBitSetting(config, 'URI')}`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-ndjson',
          'Content-Encoding': 'gzip',
          'User-Agent': 'Fluent-Bit',
          [headerName!]: headerValue.join(' '),
        },
        body: gzipSync(body),
      },
    );
    await consumeNew(checkpoints);

    expect(origin.port).toBe(fluentBitSetting(config, 'Port'));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ lines: 25, calls: 25, quarantined: 0 });
    expect(await endpointsOf(tenant)).toEqual(['shop.example.com GET /api/v1/carts/{id}/items 25']);
  });

  it("Vector's http sink request lands nginx lines in the key's tenant", async () => {
    const tenant = uniqueTenant('vector');
    const key = await newKey(tenant, 'mesh');
    const config = vectorConfig({
      intakeUrl: intake.url,
      key,
      format: 'nginx',
      host: 'shop.example.com',
      path: '/var/log/nginx/access.log',
    });
    expect(vectorSetting(config, 'compression')).toBe('gzip');
    expect(vectorSetting(config, 'encoding.codec')).toBe('text');
    expect(vectorSetting(config, 'auth.strategy')).toBe('bearer');

    const response = await fetch(vectorSetting(config, 'uri'), {
      method: 'POST',
      headers: {
        'Content-Type': 'text/plain',
        'Content-Encoding': 'gzip',
        'User-Agent': 'Vector/0.46.1',
        Authorization: `Bearer ${vectorSetting(config, 'auth.token')}`,
      },
      body: gzipSync(
        nginxLines(12)
          .map((l) => `${l}\n`)
          .join(''),
      ),
    });
    await consumeNew(checkpoints);

    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ lines: 12, calls: 12, quarantined: 0 });
    expect(await endpointsOf(tenant)).toEqual(['shop.example.com GET /api/v1/carts/{id}/items 12']);
  });
});
