/**
 * Local end-to-end pipeline benchmark: latency from a log line handed to a forwarder until its
 * endpoint is readable in DynamoDB (p50/p99), and DynamoDB write requests per 1,000 calls on Zipf
 * traffic over 100 endpoints. Real local servers; the Kinesis event source polls like Lambda's.
 *
 *   tsx bench/pipeline.ts [--probes N] [--calls N]
 */
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamEvent } from 'aws-lambda';
import { Command } from 'commander';
import type { ApiCall } from '#events/api-call.schema';
import { createGeoLookup } from '#shared/classify/geo';
import { cachedTenantConfig, putRiskRules } from '#shared/tenancy/tenant-config';
import { listFindings } from '#shared/findings/store';
import { consumeRecords } from '#shared/ingest/consume';
import { s3Quarantine } from '#shared/ingest/quarantine-store';
import { deriveSecret, issueIngestKey } from '#shared/ingest/credentials';
import { shipParsedLog } from '#shared/ingest/forward/ship-log';
import { inventoryKeys } from '#shared/tables/keys';
import { startScratchStack } from '#local/stack/scratch-stack';
import { startKinesisEventSource } from '#local/aws/kinesis-event-source';
import { fileCheckpoints } from '#local/aws/kinesis-checkpoints';
import { ZipfSampler, seededRng } from './corpus/random.ts';

const options = new Command()
  .option('--probes <n>', 'latency probes', (v) => Number.parseInt(v, 10), 100)
  .option('--calls <n>', 'calls for the write-amplification run', (v) => Number.parseInt(v, 10), 100_000)
  .parse()
  .opts<{ probes: number; calls: number }>();

const stack = await startScratchStack('surveyor-bench');
const { clients, names, dataDir } = stack;

let writes = 0;
clients.dynamodb.middlewareStack.add(
  (next, context) => async (args) => {
    if (
      /^(UpdateItem|PutItem|DeleteItem|TransactWriteItems|BatchWriteItem)Command$/.test(
        context.commandName ?? '',
      )
    )
      writes++;
    return next(args);
  },
  { step: 'initialize', name: 'count-writes' },
);

const master = 'bench-master';
const credential = issueIngestKey(master);
const tenant = 'bench';
// Worst case for finding writes: a rule every endpoint matches, so each batch refreshes a finding
// for every endpoint it touches.
await putRiskRules(
  { doc: clients.doc, tableName: names.inventoryTable },
  tenant,
  JSON.stringify({
    rules: [{ id: 'everything', category: 'All traffic', severity: 'info', match: { minCalls: 0 } }],
  }),
);
const consumer = {
  doc: clients.doc,
  inventoryTable: names.inventoryTable,
  resolveKey: async (keyId: string) =>
    keyId === credential.keyId ? { tenant, secret: deriveSecret(master, keyId) } : undefined,
  // The real writer, as deployed: what the consumer quarantines costs what it costs in AWS.
  quarantine: s3Quarantine(clients.s3, names.quarantineBucket),
  now: () => new Date(),
  // As deployed: findings judged per batch, tenant configuration cached, caller geography.
  findingsTable: names.findingsTable,
  tenantConfig: cachedTenantConfig({ doc: clients.doc, tableName: names.inventoryTable }),
  geo: createGeoLookup(),
};
const handler = async (event: KinesisStreamEvent) => {
  const records = event.Records.map((r) => ({
    shardId: r.eventID.split(':')[0]!,
    sequenceNumber: r.kinesis.sequenceNumber,
    data: Buffer.from(r.kinesis.data, 'base64'),
  }));
  return { batchItemFailures: (await consumeRecords(records, consumer)).batchItemFailures };
};
// The CDK mapping batches up to 10,000 records within a 5 s window; locally a short window shows latency.
const source = await startKinesisEventSource({
  kinesis: clients.kinesis,
  streamName: names.stream,
  handler,
  functionName: 'ingest-api-calls',
  region: 'us-east-1',
  checkpoints: fileCheckpoints(join(dataDir, 'checkpoints.json')),
  batchSize: 1000,
  maximumBatchingWindowMs: 200,
  pollIntervalMs: 100,
});
const forwarder = { kinesis: clients.kinesis, streamName: names.stream, credential, now: () => new Date() };
const ship = (calls: ApiCall[], origin: string) =>
  shipParsedLog(
    (async function* () {
      yield { calls, quarantined: [], lines: calls.length };
    })(),
    origin,
    origin,
    forwarder,
  );
const call = (host: string, path: string): ApiCall => ({
  source: 'alb',
  time: new Date().toISOString(),
  host,
  method: 'GET',
  path,
  status: 200,
  clientIp: '203.0.113.1',
  latencyMs: 3,
});

// Latency: one new endpoint per probe, handed to the forwarder, then read back until it exists.
const latencies: number[] = [];
for (let i = 0; i < options.probes; i++) {
  const host = `p${i}.bench.example.com`;
  const started = performance.now();
  await ship([call(host, '/ping')], `probe-${i}`);
  const key = { pk: inventoryKeys.partition(tenant), sk: inventoryKeys.endpoint(host, 'GET', '/ping') };
  while (
    (await clients.doc.send(new GetCommand({ TableName: names.inventoryTable, Key: key }))).Item === undefined
  ) {
    await new Promise((r) => setTimeout(r, 10));
  }
  latencies.push(performance.now() - started);
}
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(0);

// Write amplification: Zipf traffic over 100 endpoints, shipped in log-file-sized chunks.
const rng = seededRng(3);
const zipf = new ZipfSampler(100, 1.1);
writes = 0;
const chunk = 5000;
for (let sent = 0; sent < options.calls; sent += chunk) {
  const calls = Array.from({ length: Math.min(chunk, options.calls - sent) }, () =>
    call('shop.bench.example.com', `/api/v1/resource${zipf.sample(rng)}/${Math.floor(rng() * 1e6)}`),
  );
  await ship(calls, `zipf-${sent}`);
}
const before = source.stats().recordsSucceeded;
const expectedRecords = Math.ceil(options.calls / 500);
while (source.stats().recordsSucceeded - before < expectedRecords)
  await new Promise((r) => setTimeout(r, 50));
console.log(
  `latency (forwarder -> readable in DynamoDB), ${options.probes} probes: p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms (target p99 <= 2000 ms)`,
);
console.log(
  `DynamoDB write requests per 1,000 calls (Zipf over 100 endpoints, ${options.calls} calls): ${((writes / options.calls) * 1000).toFixed(1)} (target <= 20)`,
);
const findings = await listFindings({ doc: clients.doc, tableName: names.findingsTable }, tenant);
console.log(`findings kept current by the consumer during the run: ${findings.length} (one per endpoint)`);
await source.stop();
await stack.stop();
