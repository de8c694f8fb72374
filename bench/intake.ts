/**
 * Intake throughput and cost: 1 MB gzip bodies of nginx lines posted to the local intake (the HTTP
 * server in front of functions/intake-logs.ts, kinesalite and DynamoDB Local on loopback), then the
 * consumer over what they put on the stream. Prints lines/s, per-request handler time, consumer time
 * and DynamoDB writes per line, and the AWS cost per million calls they imply at list prices.
 *
 *   tsx bench/intake.ts [--requests N] [--concurrency N] [--bad-share P]
 *
 * `--bad-share 0.01` makes that share of lines unparsable: the intake ships them in quarantine
 * envelopes and the consumer stores them through the real S3 writer (objects counted).
 */
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { Command } from 'commander';
import { consumeRecords } from '#shared/ingest/consume';
import { s3Quarantine } from '#shared/ingest/quarantine-store';
import { createKeyResolver } from '#shared/ingest/registry';
import { issueKey } from '#shared/onboarding/ingest-keys';
import { startIntakeServer } from '#local/aws/intake-server';
import type { LambdaHandler } from '#local/aws/invoke';
import { startScratchStack } from '#local/stack/scratch-stack';
import { handlerEnvironment } from '#local/stack/stack-env';
import { ZipfSampler, seededRng } from './corpus/random.ts';
import { drainAll } from './corpus/drain-stream.ts';
import { costPerMillion } from './corpus/intake-cost.ts';

const options = new Command()
  .option('--requests <n>', 'bodies to post', (v) => Number.parseInt(v, 10), 12)
  .option('--concurrency <n>', 'requests in flight', (v) => Number.parseInt(v, 10), 2)
  .option('--bad-share <p>', 'share of unparsable lines', Number.parseFloat, 0)
  .parse()
  .opts<{ requests: number; concurrency: number; badShare: number }>();

const stack = await startScratchStack('surveyor-bench-intake', { shards: 4 });
const { config, servers, clients, names } = stack;
const MASTER = 'bench-master';
Object.assign(process.env, handlerEnvironment(servers.endpoints, names, config.region, MASTER), {
  INTAKE_TENANT_LINES_PER_MINUTE: '1000000000',
  INTAKE_TENANT_REQUESTS_PER_MINUTE: '1000000',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});

let writes = 0;
clients.dynamodb.middlewareStack.add(
  (next, context) => async (args) => {
    if (/^(UpdateItem|PutItem|TransactWriteItems|BatchWriteItem)Command$/.test(context.commandName ?? ''))
      writes++;
    return next(args);
  },
  { step: 'initialize', name: 'count-writes' },
);

const { handler } = (await import('#functions/intake-logs')) as unknown as {
  handler: LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult>;
};
const handlerMs: number[] = [];
const timed: LambdaHandler<APIGatewayProxyEvent, APIGatewayProxyResult> = async (event, context) => {
  const started = performance.now();
  try {
    return await handler(event, context);
  } finally {
    handlerMs.push(performance.now() - started);
  }
};
const intake = await startIntakeServer({
  host: '127.0.0.1',
  port: 0,

  handler: timed,
  region: 'us-east-1',
});
const { key } = await issueKey(
  {
    doc: clients.doc,
    table: names.inventoryTable,
    masterSecret: MASTER,
    now: () => new Date(),
    intakeUrl: intake.url,
  },
  { tenant: 'bench' },
);

// nginx combined lines over 300 endpoints (Zipf), varied callers, ids and sizes: about what a busy
// edge writes. Bodies are cut at 1 MB of gzip.
const rng = seededRng(7);
const endpoints = new ZipfSampler(300, 1);
function line(i: number): string {
  // Drawn only when asked for, so the default corpus stays the one the figures were measured on.
  if (options.badShare > 0 && rng() < options.badShare) return `garbage ${i} ?token=${(rng() * 1e9) | 0}`;
  const e = endpoints.sample(rng);
  const ip = `${(rng() * 223 + 1) | 0}.${(rng() * 255) | 0}.${(rng() * 255) | 0}.${(rng() * 255) | 0}`;
  const t = new Date(Date.UTC(2024, 4, 1, 12) + i * 7);
  const clf = t.toUTCString().replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');
  return `${ip} - - [${clf}] "GET /api/v${1 + (e % 3)}/resource${e}/${(rng() * 1e6) | 0}/items?page=${(rng() * 20) | 0} HTTP/1.1" 200 ${(rng() * 9000) | 0} "-" "Mozilla/5.0 (X11; Linux x86_64) client/${e % 17}"`;
}
function body(from: number): { gz: Buffer; lines: number } {
  const lines: string[] = [];
  for (let i = from; ; i += 1000) {
    for (let k = 0; k < 1000; k++) lines.push(line(i + k));
    const gz = gzipSync(lines.join('\n') + '\n');
    if (gz.length >= 1_000_000) return { gz, lines: lines.length };
  }
}
const bodies = Array.from({ length: options.requests + 1 }, (_, i) => body(i * 100_000));
const post = async (gz: Buffer) => {
  const response = await fetch(`${intake.url}?format=nginx&host=edge.bench.example`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Encoding': 'gzip' },
    body: gz,
  });
  if (response.status !== 202)
    throw new Error(`intake answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { calls: number };
};

await post(bodies[0]!.gz); // warm-up: cold start, first connections
handlerMs.length = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
let next = 1;
let calls = 0;
await Promise.all(
  Array.from({ length: options.concurrency }, async () => {
    while (next <= options.requests) {
      const accepted = await post(bodies[next++]!.gz);
      calls += accepted.calls;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const bigMs = [...handlerMs];
const cpu = process.cpuUsage(cpuBefore);
const linesPosted = bodies.slice(1).reduce((s, b) => s + b.lines, 0);
const gzBytes = bodies.slice(1).reduce((s, b) => s + b.gz.length, 0);

// Small requests, as a shipper flushing every second or two sends them: 100 lines each.
handlerMs.length = 0;
for (let i = 0; i < 30; i++) {
  const lines = Array.from({ length: 100 }, (_, k) => line(10_000_000 + i * 100 + k));
  await post(gzipSync(lines.join('\n') + '\n'));
}
const smallMs = [...handlerMs].sort((a, b) => a - b)[handlerMs.length >> 1]!;
const records = await drainAll(clients.kinesis, names.stream);
const writesBefore = writes;
let quarantineObjects = 0;
clients.s3.middlewareStack.add(
  (next, context) => async (args) => {
    if (context.commandName === 'PutObjectCommand') quarantineObjects++;
    return next(args);
  },
  { step: 'initialize', name: 'count-quarantine-objects' },
);
const consumeStarted = performance.now();
const consumeCpuBefore = process.cpuUsage();
const consumer = {
  doc: clients.doc,
  inventoryTable: names.inventoryTable,
  resolveKey: createKeyResolver(clients.doc, names.inventoryTable, MASTER),
  // The real writer, as deployed: quarantined lines cost their S3 requests here too.
  quarantine: s3Quarantine(clients.s3, names.quarantineBucket),
  now: () => new Date(),
};
let quarantined = 0;
for (let i = 0; i < records.length; i += 1000)
  quarantined += (await consumeRecords(records.slice(i, i + 1000), consumer)).stats.quarantined;
const consumeSeconds = (performance.now() - consumeStarted) / 1000;
const consumeCpu = process.cpuUsage(consumeCpuBefore);
const consumerWrites = writes - writesBefore;

const sorted = [...bigMs].sort((a, b) => a - b);
const linesPerRequest = linesPosted / options.requests;
const recordBytes = records.reduce((s, r) => s + r.data.length, 0);
console.log(
  `requests: ${options.requests} x ~${(gzBytes / options.requests / 1e6).toFixed(2)} MB gzip, ${Math.round(linesPerRequest)} lines each, concurrency ${options.concurrency}`,
);
console.log(
  `intake: ${Math.round(linesPosted / seconds).toLocaleString('en')} lines/s (${calls} calls accepted in ${seconds.toFixed(1)} s; process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s incl. kinesalite)`,
);
console.log(
  `handler time per request: p50 ${sorted[sorted.length >> 1]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
);
console.log(`stream: ${records.length} records, ${(recordBytes / linesPosted).toFixed(0)} bytes per call`);
console.log(
  `consumer: ${Math.round(linesPosted / consumeSeconds).toLocaleString('en')} calls/s, ${((consumerWrites / linesPosted) * 1000).toFixed(2)} DynamoDB writes per 1,000 calls, process CPU ${((consumeCpu.user + consumeCpu.system) / 1e3).toFixed(0)} ms (incl. s3rver); ${quarantined} lines quarantined in ${quarantineObjects} S3 objects`,
);
const perCall = {
  bytesPerCall: recordBytes / linesPosted,
  consumerMsPerCall: (consumeSeconds * 1000) / linesPosted,
  consumerWritesPerCall: consumerWrites / linesPosted,
};
const big = costPerMillion({ ...perCall, linesPerRequest, handlerMsPerRequest: sorted[sorted.length >> 1]! });
const small = costPerMillion({ ...perCall, linesPerRequest: 100, handlerMsPerRequest: smallMs });
console.log(`handler time for 100-line requests: p50 ${smallMs.toFixed(0)} ms`);
console.log(
  'AWS cost per million calls at list prices (us-east-1, on-demand, arm64), 1 MB gzip bodies | 100-line bodies:',
);
for (const item of Object.keys(big))
  console.log(`  ${item.padEnd(44)} $${big[item]!.toFixed(4)} | $${small[item]!.toFixed(4)}`);

await intake.stop();
await stack.stop();
