/**
 * What per-call classification and geo enrichment cost the inventory core (issue requirement: at most
 * 30% of its throughput).
 *
 * Method: the same `analyzeLogs` run (parse + template + aggregate, one core, from a plain file in
 * the page cache) twice over the same ALB log, interleaved for several rounds (the order alternates
 * each round, a forced GC before each run), median calls/s of each:
 *   (a) off: `analyzeLogs(..., { classify: false })`: the parsers skip `detectSensitive` and
 *       `inferAuthScheme`, and the aggregator gets a caller classifier that answers "internal"
 *       without looking at the address (no CIDR check, no geo lookup);
 *   (b) on: what `surveyor analyze --geo` runs: sensitive-data detection and auth refinement in the
 *       parser, and `createCallClassifier(settings, createGeoLookup())` (private ranges and two tenant
 *       CIDRs, country + ASN with its caches) in the aggregator.
 * Overhead = 1 - b/a, on wall-clock time and on the process's CPU time (user + system, GC threads
 * included). The verdict uses CPU time: on a shared machine other processes stretch wall-clock runs
 * at random, CPU time much less. Everything else (reading, templating, aggregating, the per-endpoint
 * summary including `classifyEndpoint`, which runs once per endpoint, not per call) is the same code
 * in both, so the difference is what classification adds. Each "on" run gets a new geo lookup, loaded before
 * the clock starts (loading is a cold-start cost, printed separately) but with empty caches, as a
 * CLI run has. A per-stage breakdown on the same calls (each stage alone, in a tight loop) follows,
 * to show where the added time goes.
 *
 * Workload: the traffic of bench/throughput.ts (APIs.guru corpus, same generator and seed), with
 * - callers drawn Zipf-wise (exponent 1) from a pool of 50,000 addresses: ~80% public IPv4 spread
 *   over the whole routable space (so many countries and networks), ~12% private/CGNAT IPv4 and
 *   ~8% public IPv6, so the classifier's and geo caches (20,000 each) see misses as well as repeats;
 * - a query string on ~28% of the calls (paging, search, cursors), a sensitive value in ~3%
 *   (email, password, card number, phone, JWT, API key in the query). Paths are as generated, so
 *   the templating work equals bench/throughput.ts's.
 *
 *   tsx bench/classification-overhead.ts [--lines N] [--apis N] [--rounds N] [--callers N]
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Command } from 'commander';
import type { ApiCall } from '#events/api-call.schema';
import { inferAuthScheme } from '#shared/logs/auth-scheme';
import { createCallClassifier } from '#shared/classify/call-classifier';
import { createGeoLookup, type GeoLookup } from '#shared/classify/geo';
import { analyzeLogs, type InventoryReport } from '#shared/inventory/analyze';
import { parseAlbLine } from '#shared/logs/alb';
import { readLineBatches } from '#shared/logs/read-lines';
import { splitRequestTarget } from '#shared/url/url-parts';
import { toAlbLine } from './corpus/alb-line.ts';
import { loadSpecs } from './corpus/openapi-specs.ts';
import { generateTraffic } from './corpus/openapi-traffic.ts';
import { forkRng, intBetween, pick, seededRng, shuffle, ZipfSampler, type Rng } from './corpus/random.ts';

const options = new Command()
  .option('--lines <n>', 'ALB lines in the corpus', (v) => Number.parseInt(v, 10), 500_000)
  .option('--apis <n>', 'APIs the traffic covers', (v) => Number.parseInt(v, 10), 300)
  .option('--rounds <n>', 'measured (off, on) pairs', (v) => Number.parseInt(v, 10), 5)
  .option('--callers <n>', 'distinct caller addresses', (v) => Number.parseInt(v, 10), 50_000)
  .parse()
  .opts<{ lines: number; apis: number; rounds: number; callers: number }>();

const BUDGET = 0.3;
const TARGET_CALLS_PER_S = 250_000;
const SETTINGS = { internalCidrs: ['203.0.113.0/24', '2001:db8::/32'] };
const GEO_CACHE = 'bench/out/geo-cache';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// ---- geo databases: load time and memory, first, in a fresh heap --------------------------------
mkdirSync(GEO_CACHE, { recursive: true });
{
  const indexBuilt = readdirSync(GEO_CACHE).length === 0;
  if (indexBuilt) createGeoLookup({ cacheDir: GEO_CACHE }).warm(); // writes the binary ASN index once
  gc();
  const before = process.memoryUsage();
  const started = performance.now();
  const geo = createGeoLookup({ cacheDir: GEO_CACHE });
  geo.warm([4, 6]);
  const loadMs = performance.now() - started;
  gc();
  const after = process.memoryUsage();
  console.log(
    `geo databases (city MMDB + ASN ranges, IPv4 and IPv6) loaded in ${loadMs.toFixed(0)} ms from the ` +
      `binary index: heap +${mb(after.heapUsed - before.heapUsed)}, external/buffers ` +
      `+${mb(after.external - before.external)}, RSS +${mb(after.rss - before.rss)}` +
      (indexBuilt ? ' (index built first in this process: RSS figure approximate)' : ''),
  );
  geo.lookup('8.8.8.8'); // keeps `geo` alive until measured
}

// ---- workload -------------------------------------------------------------------------------------
mkdirSync('bench/out', { recursive: true });
const file = `bench/out/alb-classify-${options.apis}-${options.lines}-${options.callers}.log`;

function publicIpv4(rng: Rng): string {
  for (;;) {
    const a = intBetween(rng, 1, 223);
    const b = intBetween(rng, 0, 255);
    if (a === 10 || a === 127 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254)) continue;
    if ((a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 198 && (b === 18 || b === 19)))
      continue;
    if (a === 203 && b === 0) continue; // the tenant CIDR's /16, kept out of "public"
    return `${a}.${b}.${intBetween(rng, 0, 255)}.${intBetween(rng, 1, 254)}`;
  }
}

function privateIpv4(rng: Rng): string {
  const r = rng();
  if (r < 0.6) return `10.${intBetween(rng, 0, 255)}.${intBetween(rng, 0, 255)}.${intBetween(rng, 1, 254)}`;
  if (r < 0.8) return `172.${intBetween(rng, 16, 31)}.${intBetween(rng, 0, 255)}.${intBetween(rng, 1, 254)}`;
  if (r < 0.95) return `192.168.${intBetween(rng, 0, 255)}.${intBetween(rng, 1, 254)}`;
  return `100.${intBetween(rng, 64, 127)}.${intBetween(rng, 0, 255)}.${intBetween(rng, 1, 254)}`;
}

function publicIpv6(rng: Rng): string {
  // Allocated regions of the RIRs (RIPE 2a0x, ARIN 2600-2610, APNIC 240x, LACNIC 2800, AFRINIC 2c0f).
  const first = pick(rng, [
    '2a00',
    '2a01',
    '2a02',
    '2a03',
    '2a0e',
    '2600',
    '2601',
    '2602',
    '2604',
    '2605',
    '2607',
    '2400',
    '2401',
    '2404',
    '2406',
    '2408',
    '2800',
    '2804',
    '2c0f',
  ]);
  const g = (): string => intBetween(rng, 0, 0xffff).toString(16);
  return `${first}:${g()}:${g()}:${g()}::${g()}`;
}

const QUERIES = [
  'page=2&limit=50',
  'limit=100',
  'sort=created_at&order=desc',
  'include=items,customer',
  'fields=id,name,status',
  'lang=en-US',
  'expand=true',
];
/** The sensitive values the detectors look for, as clients leak them. */
const SENSITIVE_QUERIES = [
  (n: number) => `email=jane.doe${n}%40example.com`,
  (n: number) => `user=jane${n}&password=hunter${n}`,
  () => 'card=4111111111111111&exp=1227',
  (n: number) => `phone=%2B1415555${String(n % 10_000).padStart(4, '0')}`,
  () =>
    'access_token=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  (n: number) => `api_key=sk_live_${n.toString(36)}a8f9c2d7e6b5`,
];

function queryFor(rng: Rng, n: number): string | undefined {
  const r = rng();
  if (r < 0.03) return pick(rng, SENSITIVE_QUERIES)(n);
  if (r < 0.15) return pick(rng, QUERIES);
  if (r < 0.22)
    return `q=${pick(rng, ['shoes', 'red+dress', 'laptop', 'coffee', 'gift%20card'])}&page=${intBetween(rng, 1, 20)}`;
  if (r < 0.28) {
    const cursor = intBetween(rng, 0, 2 ** 31).toString(16) + intBetween(rng, 0, 2 ** 31).toString(16);
    return `cursor=${cursor}`;
  }
  return undefined;
}

if (!existsSync(file)) {
  const started = performance.now();
  const rng = forkRng(3, 'classification-overhead');
  const pool = shuffle(
    rng,
    Array.from({ length: options.callers }, () => {
      const r = rng();
      return r < 0.8 ? publicIpv4(rng) : r < 0.92 ? privateIpv4(rng) : publicIpv6(rng);
    }),
  );
  const callers = new ZipfSampler(pool.length, 1);
  const specs = loadSpecs({ apis: options.apis, seed: 1 });
  const lineRng = seededRng(7);
  let t = Date.parse('2024-05-01T00:00:00Z');
  let n = 0;
  const lines = (function* () {
    for (const call of generateTraffic(specs, { seed: 1, calls: options.lines })) {
      const query = queryFor(rng, n++);
      const line = toAlbLine(
        query === undefined ? call : { ...call, path: `${call.path}?${query}` },
        (t += 17),
        lineRng,
      );
      // Fourth field: client:port.
      const s3 = nthSpace(line, 3);
      const s4 = line.indexOf(' ', s3 + 1);
      const ip = pool[callers.sample(rng)]!;
      const port = 1024 + ((rng() * 64_000) | 0);
      yield `${line.slice(0, s3 + 1)}${ip.includes(':') ? `[${ip}]` : ip}:${port}${line.slice(s4)}\n`;
    }
  })();
  await pipeline(Readable.from(lines), createWriteStream(file));
  console.log(`generated ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

function nthSpace(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf(' ', at + 1);
  return at;
}

// ---- interleaved runs -------------------------------------------------------------------------------
type Mode = 'off' | 'on';

/** Calls per second of wall-clock time and per second of this process's CPU time. */
interface Rate {
  wall: number;
  cpu: number;
}

async function run(mode: Mode): Promise<{ rate: Rate; report: InventoryReport }> {
  let geo: GeoLookup | undefined;
  if (mode === 'on') {
    geo = createGeoLookup({ cacheDir: GEO_CACHE });
    geo.warm([4, 6]);
  }
  gc();
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const report = await analyzeLogs(
    [{ batches: readLineBatches(file) }],
    mode === 'off'
      ? { format: 'alb', classify: false }
      : { format: 'alb', classifier: createCallClassifier(SETTINGS, geo) },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const calls = report.lines - report.quarantined;
  return { rate: { wall: calls / seconds, cpu: calls / ((cpu.user + cpu.system) / 1e6) }, report };
}

function describe(report: InventoryReport): string {
  const e = report.endpoints;
  const c = (f: (x: (typeof e)[number]) => boolean): number => e.filter(f).length;
  const countries = new Set(e.flatMap((x) => x.classification?.countries ?? []));
  const asns = new Set(e.flatMap((x) => x.classification?.asns ?? []));
  return (
    `${fmt(report.lines)} lines, ${fmt(report.quarantined)} quarantined, ${fmt(e.length)} endpoints: ` +
    `${fmt(c((x) => x.classification?.exposure === 'external'))} external, ` +
    `${fmt(c((x) => (x.classification?.sensitive.length ?? 0) > 0))} with sensitive data, ` +
    `${fmt(c((x) => (x.classification?.auth ?? []).some((a) => a !== 'unknown')))} with a known auth scheme; ` +
    `${countries.size} countries, ${fmt(asns.size)} ASNs`
  );
}

console.log(`workload: ${file}`);
// Warm-up pair (JIT, page cache), not counted; also the sanity check that "off" classifies nothing.
for (const mode of ['off', 'on'] as const)
  console.log(`${mode.padEnd(3)} ${describe((await run(mode)).report)}`);

const rates: Record<Mode, Rate[]> = { off: [], on: [] };
for (let round = 0; round < options.rounds; round++) {
  const order: Mode[] = round % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
  const got: Partial<Record<Mode, Rate>> = {};
  for (const mode of order) got[mode] = (await run(mode)).rate;
  const { off, on } = got as Record<Mode, Rate>;
  rates.off.push(off);
  rates.on.push(on);
  console.log(
    `round ${round + 1}: wall off ${fmt(off.wall).padStart(7)}, on ${fmt(on.wall).padStart(7)} calls/s ` +
      `(${pct(1 - on.wall / off.wall)}); CPU off ${fmt(off.cpu).padStart(7)}, on ${fmt(on.cpu).padStart(7)} ` +
      `calls/CPU-s (${pct(1 - on.cpu / off.cpu)})`,
  );
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

const absoluteBudgetNs = (1e9 / TARGET_CALLS_PER_S) * BUDGET;
let cpuAddedNs = 0;
let cpuOverhead = 0;
for (const clock of ['wall', 'cpu'] as const) {
  const a = median(rates.off.map((r) => r[clock]));
  const b = median(rates.on.map((r) => r[clock]));
  const paired = rates.off.map((off, i) => 1 - rates.on[i]![clock] / off[clock]);
  const overhead = 1 - b / a;
  const addedNs = 1e9 / b - 1e9 / a;
  const unit = clock === 'wall' ? 'calls/s' : 'calls/CPU-s';
  console.log(
    `\n${clock === 'wall' ? 'wall clock' : 'process CPU time'} (median of ${options.rounds} interleaved runs each)` +
      `\n  (a) core, classification off      ${fmt(a).padStart(9)} ${unit}` +
      `\n  (b) core + classification + geo   ${fmt(b).padStart(9)} ${unit}` +
      `\n  overhead 1 - b/a                  ${pct(overhead).padStart(9)}  (per round: median ` +
      `${pct(median(paired))}, ${pct(Math.min(...paired))} to ${pct(Math.max(...paired))}); ` +
      `${fmt(addedNs)} ns added per call`,
  );
  if (clock === 'cpu') {
    cpuAddedNs = addedNs;
    cpuOverhead = overhead;
  }
}
console.log(
  `\nbudget ${BUDGET * 100}% of the core (CPU time): ${cpuOverhead <= BUDGET ? 'WITHIN' : 'EXCEEDED'}` +
    `\n(at the core's ${fmt(TARGET_CALLS_PER_S)} calls/s target the same share is ` +
    `${fmt(absoluteBudgetNs)} ns per call: ${cpuAddedNs <= absoluteBudgetNs ? 'within' : 'over'})`,
);

// ---- per-stage breakdown on the same calls ----------------------------------------------------------
const targets: string[] = [];
const calls: ApiCall[] = [];
for await (const batch of readLineBatches(file)) {
  for (const line of batch) {
    if (targets.length >= 200_000) break;
    const q1 = line.indexOf('"');
    const request = line.slice(q1 + 1, line.indexOf('"', q1 + 1));
    targets.push(request.slice(request.indexOf(' ') + 1, request.lastIndexOf(' ')));
    const outcome = parseAlbLine(line, { classify: false });
    if (outcome.ok) calls.push(outcome.call);
  }
  if (targets.length >= 200_000) break;
}

/** Results are counted so the JIT cannot drop the calls. */
let sink = 0;
function stage(name: string, n: number, fn: (i: number) => unknown): number {
  for (let i = 0; i < n; i++) if (fn(i) !== undefined) sink++; // warm-up
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (fn(i) !== undefined) sink++;
    times.push(Number(process.hrtime.bigint() - started) / n);
  }
  const ns = median(times);
  if (sink < 0) throw new Error('unreachable');
  console.log(`${name.padEnd(52)} ${ns.toFixed(0).padStart(6)} ns/call`);
  return ns;
}

console.log(`\nper stage, alone, on the first ${fmt(calls.length)} calls of the same log:`);
const withDetect = stage('splitRequestTarget with detectSensitive', targets.length, (i) =>
  splitRequestTarget(targets[i]!),
);
const withoutDetect = stage('splitRequestTarget without (classify: false)', targets.length, (i) =>
  splitRequestTarget(targets[i]!, false),
);
const auth = stage('inferAuthScheme', calls.length, (i) => inferAuthScheme(calls[i]!));
// A new classifier per pass would include its cold misses; one shared classifier over the passes is
// the steady state. Both are printed.
const freshGeo = (): GeoLookup => {
  const g = createGeoLookup({ cacheDir: GEO_CACHE });
  g.warm([4, 6]);
  return g;
};
let classifier = createCallClassifier(SETTINGS);
const cold: number[] = [];
for (let r = 0; r < 3; r++) {
  classifier = createCallClassifier(SETTINGS, freshGeo());
  const started = process.hrtime.bigint();
  for (const call of calls) classifier.caller(call);
  cold.push(Number(process.hrtime.bigint() - started) / calls.length);
}
console.log(
  `${'caller traits, new classifier (cold caches)'.padEnd(52)} ${median(cold).toFixed(0).padStart(6)} ns/call`,
);
stage('caller traits, warm caches', calls.length, (i) => classifier.caller(calls[i]!));
console.log(
  `sum: detection ${(withDetect - withoutDetect).toFixed(0)} + auth ${auth.toFixed(0)} + callers ` +
    `${median(cold).toFixed(0)} = ${(withDetect - withoutDetect + auth + median(cold)).toFixed(0)} ns/call ` +
    `(end to end, CPU time: ${fmt(cpuAddedNs)} ns)`,
);
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
