/**
 * The portal in the local stack: the production build of web/ served by `next start` (no dev
 * server, no overlays), pointed at the local tables through the handlers' own environment. The build
 * happens at install time (`npm install` runs `prepare`); a missing build is made here once, loudly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HANDLER_ENV } from '#shared/resources/handler-env';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NEXT_BIN = join(REPO_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface LocalPortal {
  readonly url: string;
  stop(): Promise<void>;
}

export interface PortalOptions {
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly dataDir: string;
  readonly accountsTable: string;
  readonly intakeUrl: string | undefined;
  /** Alert integrations: the alerts table and the local key the notifier seals with (one key for both). */
  readonly alerts?: { readonly table: string; readonly localKey: string };
  readonly log: (message: string) => void;
}

/** NEXTAUTH_SECRET, or one generated once and kept in the data folder (sessions survive restarts). */
export function localAuthSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  const file = join(dataDir, 'portal-auth-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function portalBuilt(): boolean {
  return existsSync(join(REPO_ROOT, 'web', '.next', 'BUILD_ID'));
}

/** `next build web`, synchronously (used by `prepare` and, when the build is missing, by npm start). */
export function buildPortal(): void {
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build', 'web'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`next build web failed with exit code ${result.status}`);
}

export async function startLocalPortal(options: PortalOptions): Promise<LocalPortal> {
  if (!portalBuilt()) {
    options.log('the portal is not built yet (npm install builds it): building it now...');
    buildPortal();
  }
  const port = options.port === 0 ? await freePort(options.host) : options.port;
  const url = `http://${options.host}:${port}`;
  const child = spawn(process.execPath, [NEXT_BIN, 'start', 'web', '-p', String(port), '-H', options.host], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: localAuthSecret(options.dataDir),
      [HANDLER_ENV.accountsTable]: options.accountsTable,
      ...(options.intakeUrl !== undefined && { [HANDLER_ENV.intakeUrl]: options.intakeUrl }),
      ...(options.alerts !== undefined && {
        [HANDLER_ENV.alertsTable]: options.alerts.table,
        [HANDLER_ENV.alertsLocalKey]: options.alerts.localKey,
        // Local mode: a developer's receiver on loopback is allowed; private and metadata addresses are not.
        [HANDLER_ENV.alertsAllowLoopback]: 'true',
        [HANDLER_ENV.portalUrl]: url,
      }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => options.log(`portal: ${chunk.toString().trimEnd()}`));
  try {
    await waitUntilServing(`${url}/signin`, child);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return { url, stop: () => stopChild(child) };
}

async function waitUntilServing(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the portal exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the portal did not answer ${url} within ${timeoutMs / 1000} s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
