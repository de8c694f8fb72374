/**
 * Inventory core throughput: parse + template + aggregate on one core over >= 500k realistic ALB
 * lines generated from the APIs.guru corpus, plain and gzip, against a bare read-and-split baseline;
 * each stage alone; and the bundled `surveyor analyze` end to end (classification and findings
 * included). Rates are per CPU-second (process.cpuUsage, GC threads included) and per wall second:
 * on a shared machine the CPU figure is the one to compare.
 *
 *   tsx bench/throughput.ts [--lines N] [--apis N] [--stage-lines N] [--no-cli]
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import type { ApiCall } from '#events/api-call.schema';
import { InventoryAggregator } from '#shared/inventory/aggregate';
import { analyzeLogs } from '#shared/inventory/analyze';
import { Templater } from '#shared/inventory/templater';
import { parseLog } from '#shared/logs/parse-log';
import { readLineBatches } from '#shared/logs/read-lines';
import { runCli } from './cli-run.ts';
import { toAlbLine } from './corpus/alb-line.ts';
import { loadSpecs } from './corpus/openapi-specs.ts';
import { generateTraffic } from './corpus/openapi-traffic.ts';
import { seededRng } from './corpus/random.ts';

const int = (v: string) => Number.parseInt(v, 10);
const options = new Command()
  .option('--lines <n>', 'ALB lines in the corpus', int, 500_000)
  .option('--apis <n>', 'APIs the traffic covers', int, 300)
  .option('--stage-lines <n>', 'lines for the stage-by-stage figures (held in memory)', int, 200_000)
  .option('--no-cli', 'skip the bundled `surveyor analyze` runs')
  .parse()
  .opts<{ lines: number; apis: number; stageLines: number; cli: boolean }>();

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

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

function report(label: string, n: number, cpu: number, wall?: number): void {
  const perCpu = `${String(Math.round(n / cpu)).padStart(9)} /CPU-s (${cpu.toFixed(2)} CPU s)`;
  const perWall = wall === undefined ? '' : `   ${String(Math.round(n / wall)).padStart(9)} /wall-s`;
  console.log(`${label.padEnd(44)} ${perCpu}${perWall}`);
}

async function measure(label: string, run: () => Promise<number>): Promise<void> {
  global.gc?.();
  const [cpu, wall] = [cpuSeconds(), performance.now()];
  const n = await run();
  report(label, n, cpuSeconds() - cpu, (performance.now() - wall) / 1000);
}

await measure('bare read and split (baseline), lines', async () => {
  let n = 0;
  for await (const batch of readLineBatches(plain)) n += batch.length;
  return n;
});

// Each stage alone over the first lines, held in memory: where the end-to-end time goes.
const stageLines: string[][] = [];
let held = 0;
for await (const batch of readLineBatches(plain)) {
  if (held >= options.stageLines) break;
  stageLines.push(batch.slice(0, options.stageLines - held));
  held += stageLines.at(-1)!.length;
}
const calls: ApiCall[] = [];
await measure(`stage: parse only (${held} lines), calls`, async () => {
  for await (const batch of parseLog(
    (async function* () {
      yield* stageLines;
    })(),
    { format: 'alb' },
  ))
    calls.push(...batch.calls);
  return calls.length;
});
const templater = new Templater();
const templates: string[] = [];
await measure('stage: template only, calls', async () => {
  for (const c of calls) templates.push(templater.templateOf(c.host, c.method, c.path, c.declaredTemplate));
  return calls.length;
});
await measure('stage: aggregate only (+ endpoints()), calls', async () => {
  const aggregator = new InventoryAggregator();
  for (let i = 0; i < calls.length; i++) aggregator.add(calls[i]!, templates[i]!);
  for (const rewrite of templater.drainRewrites()) aggregator.applyRewrite(rewrite);
  aggregator.endpoints();
  return calls.length;
});
stageLines.length = 0;
calls.length = 0;

for (const file of [plain, gz]) {
  await measure(`analyzeLogs end to end (${file.endsWith('.gz') ? 'gzip' : 'plain'}), lines`, async () => {
    const result = await analyzeLogs([{ batches: readLineBatches(file) }], { format: 'alb' });
    return result.lines;
  });
}
console.log(`peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);

if (options.cli) {
  // The bundle is rebuilt so that it runs the code being measured.
  if (spawnSync(process.execPath, ['bin/build-cli.js'], { stdio: 'inherit' }).status !== 0)
    throw new Error('building the CLI bundle failed');
  for (const file of [plain, gz]) {
    const usage = await runCli(['analyze', '--format', 'alb', '--json', '--no-geo', file]);
    if (usage.exitCode !== 0) throw new Error(`surveyor analyze exited with ${usage.exitCode}`);
    report(
      `surveyor analyze --no-geo (${file.endsWith('.gz') ? 'gzip' : 'plain'}), lines`,
      options.lines,
      usage.cpuSeconds,
      usage.wallSeconds,
    );
    console.log(
      `${''.padEnd(44)} ${usage.userSeconds.toFixed(2)} user + ${usage.systemSeconds.toFixed(2)} sys CPU s, peak RSS ${usage.maxRssMb} MB`,
    );
  }
}
console.log('target: >= 250,000 calls/s end to end on one core');
