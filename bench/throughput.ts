/**
 * Inventory core throughput: parse + template + aggregate on one core over >= 500k realistic ALB
 * lines generated from the APIs.guru corpus, plain and gzip, against a bare read-and-split baseline.
 *
 *   tsx bench/throughput.ts [--lines N] [--apis N]
 */
import { createReadStream, existsSync, mkdirSync, createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { analyzeLogs } from '#shared/inventory/analyze';
import { readLineBatches } from '#shared/logs/read-lines';
import { toAlbLine } from './corpus/alb-line.ts';
import { loadSpecs } from './corpus/openapi-specs.ts';
import { generateTraffic } from './corpus/openapi-traffic.ts';
import { seededRng } from './corpus/random.ts';

const options = new Command()
  .option('--lines <n>', 'ALB lines in the corpus', (v) => Number.parseInt(v, 10), 500_000)
  .option('--apis <n>', 'APIs the traffic covers', (v) => Number.parseInt(v, 10), 300)
  .parse()
  .opts<{ lines: number; apis: number }>();

mkdirSync('bench/out', { recursive: true });
const plain = `bench/out/alb-${options.apis}-${options.lines}.log`;
const gz = `${plain}.gz`;
if (!existsSync(plain)) {
  const specs = loadSpecs({ apis: options.apis, seed: 1 });
  const rng = seededRng(7);
  let t = Date.parse('2024-05-01T00:00:00Z');
  const lines = (function* () {
    for (const call of generateTraffic(specs, { seed: 1, calls: options.lines }))
      yield toAlbLine(call, (t += 17), rng) + '\n';
  })();
  await pipeline(Readable.from(lines), createWriteStream(plain));
  await pipeline(createReadStream(plain), createGzip(), createWriteStream(gz));
}

async function measure(label: string, run: () => Promise<number>): Promise<void> {
  const started = performance.now();
  const lines = await run();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label.padEnd(40)} ${String(Math.round(lines / seconds)).padStart(9)} lines/s`);
}

await measure('bare read and split (baseline)', async () => {
  let n = 0;
  for await (const batch of readLineBatches(plain)) n += batch.length;
  return n;
});
for (const file of [plain, gz]) {
  await measure(`parse + template + aggregate (${file.endsWith('.gz') ? 'gzip' : 'plain'})`, async () => {
    const report = await analyzeLogs([{ batches: readLineBatches(file) }], { format: 'alb' });
    return report.lines;
  });
}
console.log(
  `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (includes corpus generation on a first run)`,
);
console.log('target: >= 250,000 calls/s for parse + template + aggregate');
