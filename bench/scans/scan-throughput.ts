/**
 * External scan benchmark: a generated estate of N hosts (default 1,000) on loopback scanned end to
 * end with every check (TLS, legacy protocols, content probes; Log4Shell off: it waits for callbacks
 * by design), in-process as `surveyor scan --targets` runs it; the estate is a separate process. Prints wall time, per-host time, CPU,
 * and checks the findings against the planted kinds. Flags: --hosts N, --concurrency C.
 */
import { createEnvironmentClassifier } from '#shared/classify/environment';
import { SCANNER_USER_AGENT } from '#shared/scans/scan-settings';
import { scanTargets } from '#shared/scans/scan-targets';
import { loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { BenchEstate } from './bench-estate.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const hosts = arg('hosts', 1000);
const concurrency = arg('concurrency', 64);

// The estate runs in its own process, so the figures below are the scanner's alone.
const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'bench/scans/bench-estate-server.ts', String(hosts)],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const [line] = await createInterface({ input: server.stdout })
  [Symbol.asyncIterator]()
  .next()
  .then((r) => [r.value as string]);
const estate = JSON.parse(line!) as Omit<BenchEstate, 'close'>;
const targets = estate.targets.map(({ host, address, port }) => ({ host, address, ports: [port] }));
const load = loadavg()[0]!.toFixed(2);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const outcome = await scanTargets(
  targets,
  {
    allowLoopback: true,
    extraCa: [estate.caPem],
    connectTimeoutMs: 10_000,
    requestTimeoutMs: 20_000,
    userAgent: SCANNER_USER_AGENT,
    now: () => new Date(),
    environment: createEnvironmentClassifier(),
  },
  { concurrency },
);
const wallMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
server.kill('SIGTERM');

const expected: Record<string, string[]> = {
  clean: ['api-server-detected'],
  expired: ['tls-expired'],
  files: Array(5).fill('exposed-secret-file'),
  plain: ['api-server-detected', 'plaintext-http-api'],
};
let wrong = 0;
for (const h of outcome.hosts) {
  const got = h.findings.map((f) => f.type).sort();
  if (JSON.stringify(got) !== JSON.stringify([...expected[estate.kinds[h.host]!]!].sort())) wrong++;
}
console.log(`hosts                 ${hosts} (concurrency ${concurrency}; load average before: ${load})`);
console.log(`wall time             ${(wallMs / 1000).toFixed(1)} s  (target <= 60 s)`);
console.log(
  `per host              ${(wallMs / hosts).toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000 / hosts).toFixed(1)} ms scanner CPU`,
);
console.log(
  `scanner CPU           ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (the estate runs in another process)`,
);
console.log(
  `findings              ${outcome.findings.length}; hosts with unexpected findings: ${wrong}; failed hosts: ${outcome.report.failedHosts.length}`,
);
process.exitCode = wrong === 0 ? 0 : 1;
