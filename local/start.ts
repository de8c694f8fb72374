/**
 * `npm start`: the whole Surveyor pipeline on loopback, no AWS account, no Docker. Starts the
 * servers, creates the resources, runs the handlers with Lambda-shaped events, stops on Ctrl-C.
 */
import { existsSync } from 'node:fs';
import { localClients } from './clients.ts';
import { readLocalConfig } from './config.ts';
import { banner } from './banner.ts';
import { seedDemoTenant, startDemoTraffic } from './demo-hooks.ts';
import { handlerEnvironment } from './handler-env.ts';
import { startLocalPipeline, type LocalStack } from './pipeline.ts';
import { resourceNames } from './resource-names.ts';
import { createLocalResources } from './resources.ts';
import { startLocalServers } from './servers.ts';

const started = performance.now();
const dotenv = new URL('../.env', import.meta.url);
if (existsSync(dotenv)) process.loadEnvFile(dotenv);
const config = readLocalConfig();
const servers = await startLocalServers(config);
let stopping = false;
const stopServersOnly = () => void servers.stop().then(() => process.exit(130));
process.once('SIGINT', stopServersOnly);
process.once('SIGTERM', stopServersOnly);

const clients = localClients(servers.endpoints, config.region);
const names = resourceNames(config.prefix);
await createLocalResources(clients, config.prefix, names, config.shards);
const stack: LocalStack = { config, servers, clients, names };
Object.assign(process.env, handlerEnvironment(config, servers.endpoints, names));

await seedDemoTenant(stack); // HOOK (a): the demo tenant, before the forwarders load.
const pipeline = await startLocalPipeline(stack);
const stopTraffic = await startDemoTraffic(stack, pipeline); // HOOK (b): the demo traffic generator.
console.log(banner(stack, pipeline, { totalMs: performance.now() - started }));

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping (Ctrl-C again to force)`);
  process.once('SIGINT', () => process.exit(130));
  await stopTraffic();
  await pipeline.stop();
  await servers.stop();
  process.exit(0);
}
process.off('SIGINT', stopServersOnly);
process.off('SIGTERM', stopServersOnly);
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
