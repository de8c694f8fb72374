/**
 * Exact counts at scale: 115,000 ALB calls over a few thousand distinct paths (templates keep
 * merging) through the real forwarder core and consumers on two shards of kinesalite into DynamoDB
 * Local. Fails loudly (exit 1) when the stored calls differ from the calls sent, per host or overall,
 * or the endpoint count strays more than 2% from `surveyor analyze` on the same file. Prints
 * conflicts and retries per 100,000 calls and the consumers' rate.
 *
 *   tsx bench/exact-counts.ts [--lines N] [--apis N] [--shards N] [--fault-rate P] [--mis-keyed P]
 *
 * `--fault-rate 0.002` adds throttled writes, lost answers and forced conflicts; `--mis-keyed 0.1`
 * sends a tenth of the records with random partition keys (a host then arrives on several shards).
 */
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import type { ApiCall } from '#events/api-call.schema';
import { s3Quarantine } from '#shared/ingest/quarantine-store';
import { analyzeLogs } from '#shared/inventory/analyze';
import { readInventory } from '#shared/inventory/store/read-inventory';
import { parseLog } from '#shared/logs/parse-log';
import { readLineBatches } from '#shared/logs/read-lines';
import { startScratchStack } from '#local/stack/scratch-stack';
import { runConcurrentConsumers } from '#test/integration/pipeline/concurrent-consumers';
import { toAlbLine } from './corpus/alb-line.ts';
import { loadSpecs } from './corpus/openapi-specs.ts';
import { generateTraffic } from './corpus/openapi-traffic.ts';
import { seededRng } from './corpus/random.ts';

const options = new Command()
  .option('--lines <n>', 'ALB lines', (v) => Number.parseInt(v, 10), 115_000)
  .option('--apis <n>', 'APIs the traffic covers', (v) => Number.parseInt(v, 10), 40)
  .option('--shards <n>', 'Kinesis shards (one consumer each)', (v) => Number.parseInt(v, 10), 2)
  .option('--fault-rate <p>', 'probability of each injected fault per write', Number.parseFloat, 0)
  .option('--mis-keyed <p>', 'share of records put with random partition keys', Number.parseFloat, 0)
  .option('--batch <n>', 'largest batch of records per invocation', (v) => Number.parseInt(v, 10), 10)
  .option('--seed <n>', 'seed of the faults and batch sizes', (v) => Number.parseInt(v, 10), 1)
  .parse()
  .opts<{
    lines: number;
    apis: number;
    shards: number;
    faultRate: number;
    misKeyed: number;
    batch: number;
    seed: number;
  }>();

mkdirSync('bench/out', { recursive: true });
const file = `bench/out/exact-${options.apis}-${options.lines}.log`;
if (!existsSync(file)) {
  const specs = loadSpecs({ apis: options.apis, seed: 1 });
  const rng = seededRng(7);
  let t = Date.parse('2024-05-01T00:00:00Z');
  const lines = (function* () {
    for (const call of generateTraffic(specs, { seed: 1, calls: options.lines }))
      yield toAlbLine(call, (t += 17), rng) + '\n';
  })();
  await pipeline(Readable.from(lines), createWriteStream(file));
}

const analyzed = await analyzeLogs([{ batches: readLineBatches(file) }], { format: 'alb' });
const calls: ApiCall[] = [];
for await (const batch of parseLog(readLineBatches(file), { format: 'alb', origin: file }))
  calls.push(...batch.calls);
const paths = new Set(calls.map((c) => `${c.host} ${c.path}`)).size;

const stack = await startScratchStack('surveyor-exact');
let exitCode = 0;
try {
  const { servers, clients, names } = stack;
  const tenant = 'exact-bench';
  const run = await runConcurrentConsumers({
    seed: options.seed,
    tenant,
    dynamodbEndpoint: servers.endpoints.dynamodb,
    kinesis: clients.kinesis,
    inventoryTable: names.inventoryTable,
    streamName: `${names.stream}-exact`,
    shards: options.shards,
    hosts: 0,
    calls: calls.length,
    traffic: calls,
    // One ALB object, as `surveyor local ingest FILE` sends it.
    callsPerFile: calls.length,
    misKeyedShare: options.misKeyed,
    faultRate: options.faultRate,
    maxBatchRecords: options.batch,
    quarantine: s3Quarantine(clients.s3, names.quarantineBucket),
  });
  const inventory = await readInventory(clients.doc, names.inventoryTable, tenant);
  const stored = new Map<string, number>();
  for (const e of inventory) stored.set(e.host, (stored.get(e.host) ?? 0) + e.calls);
  const total = inventory.reduce((n, e) => n + e.calls, 0);
  const per100k = (n: number) => ((n * 100_000) / calls.length).toFixed(1);
  const endpointGap = (inventory.length - analyzed.endpoints.length) / analyzed.endpoints.length;
  console.log(
    `lines ${analyzed.lines}, calls sent ${calls.length}, distinct host+path ${paths}, records ${run.records}, shards ${options.shards}`,
  );
  console.log(`calls stored ${total} (analyze: ${analyzed.endpoints.reduce((n, e) => n + e.calls, 0)})`);
  console.log(
    `endpoints stored ${inventory.length}, analyze ${analyzed.endpoints.length} (${(endpointGap * 100).toFixed(2)}%)`,
  );
  console.log(
    `per 100,000 calls: templating conflicts ${per100k(run.stateConflicts)}, failed invocations (retried) ${per100k(run.failedInvocations)}, redeliveries ${per100k(run.redeliveries)}, host waits ${per100k(run.errors.HostBusyError ?? 0)}`,
  );
  console.log(`injected faults ${JSON.stringify(run.faults)}; errors ${JSON.stringify(run.errors)}`);
  console.log(
    `forward ${Math.round(run.shipMs)} ms (${Math.round(calls.length / (run.shipMs / 1000))} calls/s); consume ${Math.round(run.consumeMs)} ms (${Math.round(calls.length / (run.consumeMs / 1000))} calls/s over ${options.shards} shards)`,
  );
  const requests = Object.entries(run.requests).sort(([, a], [, b]) => b.count - a.count);
  const totalRequests = requests.reduce((n, [, r]) => n + r.count, 0);
  console.log(
    `DynamoDB requests per 1,000 calls ${((totalRequests * 1000) / calls.length).toFixed(0)}: ${requests
      .map(
        ([name, r]) => `${name.replace('Command', '')} ${r.count} (mean ${(r.ms / r.count).toFixed(1)} ms)`,
      )
      .join(', ')}`,
  );
  console.log(
    `consumer CPU ${Math.round(run.consumeCpuMs)} ms of ${Math.round(run.consumeMs)} ms wall (${Math.round((100 * run.consumeCpuMs) / run.consumeMs)}%: the rest is waiting on DynamoDB Local)`,
  );
  const wrongHosts = [...run.sent].filter(([host, n]) => stored.get(host) !== n);
  if (total !== calls.length || wrongHosts.length > 0 || stored.size !== run.sent.size) {
    console.error(
      `MISMATCH: stored ${total} calls for ${calls.length} sent; hosts off: ${JSON.stringify(wrongHosts.slice(0, 10))}`,
    );
    exitCode = 1;
  }
  if (Math.abs(endpointGap) > 0.02) {
    console.error(`MISMATCH: endpoint count ${(endpointGap * 100).toFixed(2)}% from analyze (limit 2%)`);
    exitCode = 1;
  }
} finally {
  await stack.stop();
}
process.exit(exitCode);
