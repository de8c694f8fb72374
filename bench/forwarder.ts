/**
 * Forwarder throughput, stage by stage, on a generated gzip ALB object: read + gunzip + split,
 * + parse, + pack and sign, + PutRecords to kinesalite (the whole forwarder core). The gaps between
 * stages say where the time goes; the last line is the forwarder's rate.
 *
 *   tsx bench/forwarder.ts [--lines N] [--apis N] [--shards N]
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { Command } from 'commander';
import { issueIngestKey } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { createPacker } from '#shared/ingest/forward/pack';
import { shipParsedLog } from '#shared/ingest/forward/ship-log';
import { parseLog } from '#shared/logs/parse-log';
import { readLineBatches } from '#shared/logs/read-lines';
import { startScratchStack } from '#local/stack/scratch-stack';
import { toAlbLine } from './corpus/alb-line.ts';
import { loadSpecs } from './corpus/openapi-specs.ts';
import { generateTraffic } from './corpus/openapi-traffic.ts';
import { seededRng } from './corpus/random.ts';

const options = new Command()
  .option('--lines <n>', 'ALB lines in the object', (v) => Number.parseInt(v, 10), 115_000)
  .option('--apis <n>', 'APIs the traffic covers', (v) => Number.parseInt(v, 10), 40)
  .option('--shards <n>', 'shards of the stream', (v) => Number.parseInt(v, 10), 2)
  .option(
    '--in-flight <n>',
    'PutRecords requests out at once (1: one after another)',
    (v) => Number.parseInt(v, 10),
    4,
  )
  .parse()
  .opts<{ lines: number; apis: number; shards: number; inFlight: number }>();

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
const gz = `${file}.gz`;
if (!existsSync(gz)) await pipeline(createReadStream(file), createGzip(), createWriteStream(gz));

const credential = issueIngestKey('bench');
const now = () => new Date();
async function measure(label: string, run: () => Promise<number>): Promise<void> {
  const started = performance.now();
  const lines = await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(44)} ${String(Math.round(lines / seconds)).padStart(9)} lines/s  (${seconds.toFixed(2)} s)`,
  );
}

await measure('read + gunzip + split', async () => {
  let n = 0;
  for await (const batch of readLineBatches(createReadStream(gz))) n += batch.length;
  return n;
});
await measure('+ parse', async () => {
  let n = 0;
  for await (const b of parseLog(readLineBatches(createReadStream(gz)), { format: 'alb', origin: gz }))
    n += b.lines;
  return n;
});
await measure('+ pack + sign', async () => {
  let n = 0;
  const packer = createPacker(gz, gz, now);
  for await (const b of parseLog(readLineBatches(createReadStream(gz)), { format: 'alb', origin: gz })) {
    n += b.lines;
    for (const e of packer.add(b.calls, b.quarantined)) sealEnvelope(e, credential);
  }
  for (const e of packer.flush()) sealEnvelope(e, credential);
  return n;
});

const stack = await startScratchStack('surveyor-fwd', { shards: options.shards });
try {
  const { kinesis } = stack.clients;
  const streamName = stack.names.stream;
  let bytes = 0;
  let records = 0;
  const send = kinesis.send.bind(kinesis) as (command: unknown) => Promise<unknown>;
  (kinesis as unknown as { send: (command: unknown) => Promise<unknown> }).send = async (command) => {
    const entries = (command as { input: { Records?: { Data?: Uint8Array }[] } }).input.Records ?? [];
    records += entries.length;
    for (const e of entries) bytes += e.Data?.byteLength ?? 0;
    return send(command);
  };
  await measure(`+ PutRecords (${options.shards} shards, ${options.inFlight} in flight)`, async () => {
    const stats = await shipParsedLog(
      parseLog(readLineBatches(createReadStream(gz)), { format: 'alb', origin: gz }),
      gz,
      `${gz}#${Date.now()}`,
      {
        kinesis,
        streamName,
        credential,
        now,
        maxInFlight: options.inFlight,
      },
    );
    return stats.lines;
  });
  console.log(
    `records ${records}, ${(bytes / 1024 / 1024).toFixed(1)} MiB of record data (${Math.round(bytes / options.lines)} bytes a line)`,
  );
} finally {
  await stack.stop();
}
console.log('target: >= 20,000 lines/s for the whole forwarder core');
