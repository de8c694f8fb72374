/**
 * `npm start`: the whole product on this machine. Real AWS-compatible servers on loopback, the same
 * handlers Lambda runs, fed the event shapes Lambda delivers (Kinesis batches through a poller with
 * Lambda's retry semantics, S3 notifications for ALB logs), and a demo tenant with traffic.
 */
import { join } from 'node:path';
import type { KinesisStreamEvent, S3Event } from 'aws-lambda';
import { localClients } from './clients.ts';
import { readLocalConfig } from './config.ts';
import { DEMO_TENANT, startDemoTraffic } from './demo.ts';
import { tenantAlbForwarder } from './alb-log-notifications.ts';
import { fileCheckpoints } from './kinesis-checkpoints.ts';
import { startKinesisEventSource } from './kinesis-event-source.ts';
import { s3OnFailureDestination } from './on-failure-destination.ts';
import { resourceNames } from './resource-names.ts';
import { createLocalResources } from './resources.ts';
import { startLocalServers } from './servers.ts';
import { handlerEnvironment } from './stack-env.ts';
import { localCredential, localMasterSecret } from './tenants.ts';

const log = (message: string) => process.stdout.write(`[surveyor] ${message}\n`);
const config = readLocalConfig();
const servers = await startLocalServers(config);
const clients = localClients(servers.endpoints, config.region);
const names = resourceNames(config.prefix);
await createLocalResources(clients, config.prefix, names, config.shards);
Object.assign(
  process.env,
  handlerEnvironment(servers.endpoints, names, config.region, localMasterSecret(config.dataDir)),
);

// The consumer Lambda, on the event source mapping the CDK stack configures (shorter window locally).
const { handler: ingest } = (await import('#functions/ingest-api-calls')) as {
  handler: (event: KinesisStreamEvent, context: unknown) => Promise<unknown>;
};
const source = await startKinesisEventSource({
  kinesis: clients.kinesis,
  streamName: names.stream,
  handler: ingest as never,
  functionName: 'ingest-api-calls',
  region: config.region,
  checkpoints: fileCheckpoints(join(config.dataDir, 'checkpoints', 'ingest-api-calls.json')),
  onFailure: s3OnFailureDestination(clients.s3, names.failureBucket, 'ingest-api-calls'),
  batchSize: 1000,
  maximumBatchingWindowMs: 500,
  pollIntervalMs: 250,
  log,
});

// Each customer's ALB forwarder: objects under `<tenant>/` in the ALB log bucket.
const forwardAlb = tenantAlbForwarder({
  s3: clients.s3,
  kinesis: clients.kinesis,
  streamName: names.stream,
  credentialFor: (tenant) => localCredential(config.dataDir, clients.doc, names.inventoryTable, tenant),
  log: () => undefined,
});
servers.s3.on('event', (event: S3Event) => {
  const record = event.Records[0];
  if (record?.eventName.startsWith('ObjectCreated') !== true || record.s3.bucket.name !== names.albLogBucket)
    return;
  forwardAlb(event).catch((error: unknown) => log(`ALB forwarder failed: ${(error as Error).message}`));
});

const stopDemo =
  process.env.SURVEYOR_DEMO === 'false'
    ? () => undefined
    : await startDemoTraffic(clients, names, config.dataDir, log);

log(
  `DynamoDB Local ${servers.endpoints.dynamodb}, Kinesis ${servers.endpoints.kinesis}, S3 ${servers.endpoints.s3}`,
);
log(`data in ${config.dataDir}; demo tenant "${DEMO_TENANT}" receives traffic every 5 s`);
log('try: npx surveyor inventory --tenant demo');
log(
  '     npx surveyor local ingest --tenant acme your-access.log.gz && npx surveyor inventory --tenant acme --json',
);
log('Ctrl-C stops everything');

let stopping = false;
const shutdown = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  stopDemo();
  await source.stop();
  await servers.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
