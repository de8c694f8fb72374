/**
 * A throw-away local stack for benchmarks and the integration run: the three servers in memory on
 * free ports, a temporary data folder, and the tables, stream and buckets created under `prefix`.
 * `npm start` keeps its own start-up (persistent data, fixed ports, banner) in local/start.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localClients, type LocalClients } from './clients.ts';
import { readLocalConfig, type LocalConfig } from './config.ts';
import { resourceNames, type ResourceNames } from './resource-names.ts';
import { createLocalResources } from './resources.ts';
import { startLocalServers, type LocalServers } from './servers.ts';

export interface ScratchStack {
  readonly config: LocalConfig;
  readonly servers: LocalServers;
  readonly clients: LocalClients;
  readonly names: ResourceNames;
  /** The temporary folder (checkpoints, scratch files); removed by `stop`. */
  readonly dataDir: string;
  /** Stops the servers and removes the data folder. */
  stop(): Promise<void>;
}

export interface ScratchOptions {
  /** Shards of the stream (1 unless a benchmark measures several). */
  readonly shards?: number;
}

/** `const stack = await startScratchStack('surveyor-bench'); ...; await stack.stop();` */
export async function startScratchStack(prefix: string, options: ScratchOptions = {}): Promise<ScratchStack> {
  const shards = options.shards ?? 1;
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  const config = readLocalConfig({
    SURVEYOR_DATA_DIR: dataDir,
    SURVEYOR_IN_MEMORY: 'true',
    SURVEYOR_DYNAMODB_PORT: '0',
    SURVEYOR_KINESIS_PORT: '0',
    SURVEYOR_S3_PORT: '0',
    SURVEYOR_PREFIX: prefix,
    SURVEYOR_KINESIS_SHARDS: String(shards),
  });
  let servers: LocalServers;
  try {
    servers = await startLocalServers(config);
  } catch (error) {
    removeDataDir();
    throw error;
  }
  const stop = async () => {
    await servers.stop();
    removeDataDir();
  };
  try {
    const clients = localClients(servers.endpoints, config.region);
    const names = resourceNames(prefix);
    await createLocalResources(clients, prefix, names, shards);
    return { config, servers, clients, names, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
