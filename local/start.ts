/**
 * `npm start`: the whole Surveyor pipeline on loopback, no AWS account, no Docker. Real
 * AWS-compatible servers, the same handlers Lambda runs fed the events Lambda delivers, and a demo
 * tenant with traffic. Ctrl-C stops everything.
 */
import type { S3Event } from 'aws-lambda';
import { formatCredential } from '#shared/ingest/credentials';
import { startAlertSink } from '#local/stack/alert-sink';
import { tenantAlbForwarder } from '#local/stack/alb-log-notifications';
import { banner } from '#local/stack/banner';
import { localClients } from '#local/stack/clients';
import { environmentWithDotEnv, readLocalConfig } from '#local/stack/config';
import { connectDemoAlerts } from '#local/demo/demo-alerts';
import { DEMO_TENANT, startDemoTraffic } from '#local/demo/demo';
import { ensureDemoAccount } from '#local/demo/demo-account';
import { startDemoScans } from '#local/demo/demo-scans';
import { readEstateConfig } from '#local/demo/estate/estate-config';
import { startLocalPipeline, type LocalStack } from '#local/stack/pipeline';
import { startLocalPortal } from '#local/stack/portal';
import { resourceNames } from '#local/stack/resource-names';
import { createLocalResources } from '#local/stack/resources';
import { startLocalServers } from '#local/stack/servers';
import { handlerEnvironment } from '#local/stack/stack-env';
import { localAlertsKey, localCredential, localMasterSecret } from '#local/stack/tenants';
import { HANDLER_ENV } from '#shared/resources/handler-env';

const started = performance.now();
const log = (message: string) => process.stdout.write(`[surveyor] ${message}\n`);
// The repository's .env fills in what the shell does not set, for the handlers as well.
Object.assign(process.env, environmentWithDotEnv());
const config = readLocalConfig(process.env);
const estateConfig = readEstateConfig(process.env);
const servers = await startLocalServers(config);
const sink = await startAlertSink({ host: config.host, port: config.ports.alertSink }).catch(
  async (error) => {
    await servers.stop();
    throw error;
  },
);
let stop: (signal: string) => Promise<void> = async () => {
  await sink.stop();
  await servers.stop();
  process.exit(130);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));

const clients = localClients(servers.endpoints, config.region);
const names = resourceNames(config.prefix);
await createLocalResources(clients, config.prefix, names, config.shards);
const stack: LocalStack = { config, servers, clients, names };
// Handlers read their configuration at import (cold start), so the environment comes first.
const alertsKey = localAlertsKey(config.dataDir);
Object.assign(
  process.env,
  handlerEnvironment(servers.endpoints, names, config.region, localMasterSecret(config.dataDir), {
    localKey: alertsKey,
    portalUrl: `http://${config.host}:${config.ports.portal}`,
  }),
);

// functions/forward-cloudwatch-logs.ts plays the demo customer's API Gateway forwarder.
process.env[HANDLER_ENV.ingestCredential] ||= formatCredential(
  await localCredential(config.dataDir, clients.doc, names.inventoryTable, DEMO_TENANT),
);
const albForwarder = tenantAlbForwarder({
  s3: clients.s3,
  kinesis: clients.kinesis,
  streamName: names.stream,
  credentialFor: (tenant) => localCredential(config.dataDir, clients.doc, names.inventoryTable, tenant),
  log: () => undefined,
});
const pipeline = await startLocalPipeline(stack, {
  albForwarder: (event: S3Event) => albForwarder(event),
  log,
});

// The portal (web/, built at install time) on the same tables, and the demo account in the demo tenant.
const portal = await startLocalPortal({
  host: config.host,
  port: config.ports.portal,
  dataDir: config.dataDir,
  accountsTable: names.accountsTable,
  intakeUrl: pipeline.intakeUrl,
  alerts: { table: names.alertsTable, localKey: alertsKey },
  log,
});

// The demo tenant, its alert integrations (to the local sink) and its traffic (SURVEYOR_DEMO=false to start empty).
const demo = process.env.SURVEYOR_DEMO !== 'false';
if (demo) await connectDemoAlerts(clients, names, alertsKey, sink, DEMO_TENANT);
const demoAccount = demo
  ? await ensureDemoAccount(clients.doc, names.accountsTable, config.dataDir, DEMO_TENANT)
  : undefined;
const stopDemo = demo ? await startDemoTraffic(clients, names, config.dataDir, log) : () => undefined;

// The demo estate and its scheduled scans (also off with SURVEYOR_DEMO=false).
const scans =
  process.env.SURVEYOR_DEMO === 'false'
    ? undefined
    : await startDemoScans(clients, names, config.dataDir, config.region, estateConfig, DEMO_TENANT, log);

console.log(
  banner(stack, pipeline, {
    totalMs: performance.now() - started,
    demoTenant: DEMO_TENANT,
    alertSink: sink.url,
    portal: { url: portal.url, demo: demoAccount },
    extraLines: scans?.lines ?? [],
  }),
);

stop = async (signal) => {
  stop = async () => process.exit(130); // a second Ctrl-C forces
  log(`${signal}: stopping...`);
  stopDemo();
  await scans?.stop();
  await portal.stop();
  await pipeline.stop();
  await sink.stop();
  await servers.stop();
  process.exit(0);
};
