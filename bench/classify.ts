/**
 * Classification throughput on realistic traffic: geo lookups/s (repeat callers and all-new
 * callers), sensitive-data detections/s and the other per-call classifiers, against the hot-path
 * budget (250k calls/s, classification at most 30% of it: 1.2 us per call).
 * Run: `tsx bench/classify.ts` (set CLASSIFY_BENCH_SECONDS for longer runs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiCall } from '#events/api-call.schema';
import { inferAuthScheme } from '#shared/logs/auth-scheme';
import { classifyEnvironment } from '#shared/classify/environment';
import { createGeoLookup } from '#shared/classify/geo';
import { classifyAddress, classifyHostExposure } from '#shared/classify/network';
import { redactUrl } from '#shared/url/redact';
import { detectSensitive } from '#shared/url/sensitive';

const SECONDS = Number(process.env.CLASSIFY_BENCH_SECONDS ?? '1');
const BUDGET_NS = (1e9 / 250_000) * 0.3;

/** Deterministic pseudo-random numbers, so runs compare. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = rng(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
/** Zipf-like index: a few callers make most calls, as in real access logs. */
const zipf = (n: number): number => Math.min(n - 1, Math.floor(n * rand() ** 3));

function publicIpv4(): string {
  for (;;) {
    const a = 1 + Math.floor(rand() * 223);
    if (a === 10 || a === 127 || a === 100 || a === 172 || a === 192 || a === 169) continue;
    return `${a}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}`;
  }
}
const hex = (n: number): string =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');

function realisticUrl(): [string, string | undefined] {
  const id = String(1 + Math.floor(rand() ** 2 * 5_000_000));
  const uuid = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  const paths = [
    `/api/v1/users/${id}`,
    `/api/v1/users/${id}/orders`,
    `/api/v2/orders/${uuid}/items`,
    `/v1/products/${id}/reviews`,
    `/health`,
    `/api/v1/search`,
    `/static/app.${hex(8)}.js`,
    `/api/v1/sessions/${hex(24)}`,
  ];
  const queries = [
    undefined,
    undefined,
    'page=2&limit=50',
    `q=shoes&sort=price&ts=${Date.now()}`,
    `cursor=${hex(16)}`,
  ];
  // About 2% of calls carry something sensitive, as leaks are rare but real.
  if (rand() < 0.02) {
    return pick<[string, string | undefined]>([
      [`/api/v1/users/jane.doe${id}@example.com`, undefined],
      ['/api/v1/login', 'user=jane&password=hunter2'],
      ['/api/v1/pay', 'card=4111111111111111'],
      ['/api/v1/contacts', 'phone=%2B14155550100'],
    ]);
  }
  return [pick(paths), pick(queries)];
}

function measure(name: string, items: number, run: (i: number) => void): number {
  for (let i = 0; i < Math.min(items, 50_000); i++) run(i); // warm up the JIT
  let calls = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(SECONDS * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 10_000; i++) run(calls++ % items);
    now = process.hrtime.bigint();
  }
  const nsPerCall = Number(now - start) / calls;
  console.log(
    `${name.padEnd(44)} ${Math.round(1e9 / nsPerCall)
      .toLocaleString('en-US')
      .padStart(12)} /s  ${nsPerCall.toFixed(0).padStart(6)} ns`,
  );
  return nsPerCall;
}

const cacheDir = mkdtempSync(join(tmpdir(), 'surveyor-classify-bench-'));
try {
  console.log('# geo: cold start');
  for (const run of ['CSV parse, writes the binary index', 'binary index']) {
    const geo = createGeoLookup({ cacheDir });
    const before = process.memoryUsage();
    let t = performance.now();
    geo.warm([4]);
    const v4 = performance.now() - t;
    t = performance.now();
    geo.warm([6]);
    const v6 = performance.now() - t;
    const after = process.memoryUsage();
    const mb = (n: number): string => (n / 1e6).toFixed(0);
    console.log(
      `${run.padEnd(36)} IPv4 ${v4.toFixed(0)} ms, IPv6 ${v6.toFixed(0)} ms; ` +
        `heap +${mb(after.heapUsed - before.heapUsed)} MB, buffers +${mb(after.arrayBuffers - before.arrayBuffers)} MB`,
    );
  }

  const geo = createGeoLookup({ cacheDir });
  geo.warm();
  const pool = Array.from({ length: 10_000 }, () =>
    rand() < 0.1 ? `2a0${Math.floor(rand() * 9)}:${hex(4)}::${hex(2)}` : publicIpv4(),
  );
  const callers = Array.from({ length: 200_000 }, () => pool[zipf(pool.length)]!);
  const fresh = Array.from({ length: 200_000 }, publicIpv4);
  const uncached = createGeoLookup({ cacheDir, cacheSize: 2 });
  uncached.warm();

  const urls = Array.from({ length: 20_000 }, realisticUrl);
  const hosts = [
    'api.example.com',
    'api-dev.example.com',
    'qa2.shop.example.com',
    'devices.example.com',
    'orders.internal',
  ];
  const calls: ApiCall[] = urls.map(([path, query], i) => ({
    source: 'alb',
    time: '2024-05-01T12:00:00.000Z',
    host: hosts[i % hosts.length]!,
    method: 'GET',
    path,
    status: 200,
    queryKeys: query?.split('&').map((p) => p.split('=')[0]!) ?? [],
    clientIp: callers[i % callers.length]!,
    tlsProtocol: 'TLSv1.2',
  }));

  console.log('\n# per-call classifiers');
  const geoNs = measure('geo lookup, repeat callers (Zipf, 10k IPs)', callers.length, (i) =>
    geo.lookup(callers[i]!),
  );
  measure('geo lookup, every caller new (no cache)', fresh.length, (i) => uncached.lookup(fresh[i]!));
  const sensNs = measure('detectSensitive, realistic URLs (2% leak)', urls.length, (i) =>
    detectSensitive(urls[i]![0], urls[i]![1]),
  );
  measure('redactUrl, realistic URLs', urls.length, (i) => redactUrl(urls[i]![0], urls[i]![1]));
  const tenantCidrs = ['203.0.113.0/24', '2001:db8::/32'];
  const addrNs = measure('classifyAddress (2 tenant CIDRs)', callers.length, (i) =>
    classifyAddress(callers[i]!, tenantCidrs),
  );
  const exposeNs = measure('classifyHostExposure', hosts.length, (i) => classifyHostExposure(hosts[i]!));
  const envNs = measure('classifyEnvironment', hosts.length, (i) => classifyEnvironment(hosts[i]!));
  const authNs = measure('inferAuthScheme', calls.length, (i) => inferAuthScheme(calls[i]!));

  const total = geoNs + sensNs + addrNs + exposeNs + envNs + authNs;
  console.log(
    `\nall classifiers per call: ${total.toFixed(0)} ns of a ${BUDGET_NS.toFixed(0)} ns budget ` +
      `(${((total / BUDGET_NS) * 100).toFixed(0)}%); ${Math.round(1e9 / total).toLocaleString('en-US')} calls/s on one core`,
  );
} finally {
  rmSync(cacheDir, { recursive: true, force: true });
}
