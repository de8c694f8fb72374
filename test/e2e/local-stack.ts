/**
 * `npm start` for end-to-end tests: the real local stack (demo tenant included) on free ports, in
 * memory, in a temporary data folder. Its banner is the contract the tests read the portal from.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localClients } from '#local/stack/clients';
import { resourceNames } from '#local/stack/resource-names';
import { authenticatedTenant, tenantData, type TenantData } from '#shared/tenancy/tenant-data';
import { freePorts } from '../free-ports.ts';

export interface RunningStack {
  readonly portalUrl: string;
  readonly demo: { email: string; password: string };
  readonly banner: string;
  /** The demo tenant through the tenant-scoped module, as `surveyor inventory --tenant demo` reads it. */
  readonly demoData: TenantData;
  stop(): Promise<void>;
}

const PORTAL_LINE = /^Portal {4}(http:\/\/127\.0\.0\.1:\d+)\s+demo sign-in (\S+) \/ (\S+)$/m;

export async function startStack(timeoutMs = 240_000): Promise<RunningStack> {
  const services = [
    'DYNAMODB',
    'KINESIS',
    'S3',
    'ALERT_SINK',
    'PORTAL',
    'INGEST',
    'ESTATE_HTTPS',
    'ESTATE_HTTP',
    'ESTATE_DNS',
    'CALLBACK_DNS',
  ];
  const free = await freePorts(services.length);
  const ports = Object.fromEntries(services.map((name, i) => [`SURVEYOR_${name}_PORT`, String(free[i])]));
  const prefix = 'e2e';
  const child: ChildProcess = spawn(
    process.execPath,
    [join(process.cwd(), 'node_modules/tsx/dist/cli.mjs'), 'local/start.ts'],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...ports,
        SURVEYOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'surveyor-e2e-')),
        SURVEYOR_IN_MEMORY: 'true',
        SURVEYOR_PREFIX: prefix,
        // Long enough that the demo's scheduled scan does not run during the tests.
        SURVEYOR_SCAN_EVERY_MINUTES: '600',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('Ctrl-C stops everything.')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`npm start did not come up:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const match = PORTAL_LINE.exec(output);
  if (match === null) throw new Error(`no Portal line in the banner:\n${output}`);
  const clients = localClients({
    dynamodb: `http://127.0.0.1:${ports.SURVEYOR_DYNAMODB_PORT}`,
    kinesis: `http://127.0.0.1:${ports.SURVEYOR_KINESIS_PORT}`,
    s3: `http://127.0.0.1:${ports.SURVEYOR_S3_PORT}`,
  });
  const names = resourceNames(prefix);
  return {
    portalUrl: match[1]!,
    demo: { email: match[2]!, password: match[3]! },
    banner: output,
    demoData: tenantData(authenticatedTenant('demo', 'e2e-test'), {
      doc: clients.doc,
      inventoryTable: names.inventoryTable,
      findingsTable: names.findingsTable,
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGINT');
      }),
  };
}
