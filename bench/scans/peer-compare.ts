/**
 * Surveyor's TLS verdicts against Debian's sslscan and testssl.sh on every TLS host of the demo
 * estate: for each issue class a tool reports, do the verdicts agree on every host? Prints a
 * markdown table of disagreements and per-host times (docs/PERFORMANCE.md records the result).
 * Needs `apt-get install sslscan testssl.sh`. Flag: --skip-testssl.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEnvironmentClassifier } from '#shared/classify/environment';
import { SCANNER_USER_AGENT } from '#shared/scans/scan-settings';
import { scanOneHost } from '#shared/scans/scan-targets';
import { startEstate } from '#local/demo/estate/start-estate';
import { runSslscan, runTestssl, type PeerRun } from './peer-tools.ts';

const skipTestssl = process.argv.includes('--skip-testssl');
const estate = await startEstate({
  network: '127.0.2',
  firstHost: 60,
  httpsPort: 0,
  httpPort: 0,
  dnsPort: 0,
  verificationTxt: 'x',
});
const caFile = join(mkdtempSync(join(tmpdir(), 'peer-')), 'ca.pem');
writeFileSync(caFile, estate.caPem);
const now = new Date();
const settings = {
  allowLoopback: true,
  extraCa: [estate.caPem],
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  userAgent: SCANNER_USER_AGENT,
  now: () => now,
  environment: createEnvironmentClassifier(),
};

const rows: string[] = [];
const times = { surveyor: [] as number[], sslscan: [] as number[], testssl: [] as number[] };
const agreement: Record<string, { agree: number; disagree: number }> = {};
for (const t of estate.targets.filter((x) => x.spec.tls !== false)) {
  const started = performance.now();
  const result = await scanOneHost({ host: t.host, address: t.address, ports: [t.port] }, settings);
  times.surveyor.push(performance.now() - started);
  const ours = new Set<string>(result.findings.map((f) => f.type).filter((type) => type.startsWith('tls-')));
  const peers: [string, PeerRun][] = [['sslscan', await runSslscan(t, now)]];
  if (!skipTestssl) peers.push(['testssl.sh', await runTestssl(t, caFile)]);
  times.sslscan.push(peers[0]![1].ms);
  if (peers[1] !== undefined) times.testssl.push(peers[1][1].ms);
  for (const [tool, run] of peers) {
    for (const cls of run.covers) {
      const key = `${tool} ${cls}`;
      agreement[key] ??= { agree: 0, disagree: 0 };
      const same = ours.has(cls) === run.classes.includes(cls);
      agreement[key][same ? 'agree' : 'disagree']++;
      if (!same)
        rows.push(
          `| ${t.host} | ${cls} | ${ours.has(cls) ? 'yes' : 'no'} | ${tool}: ${run.classes.includes(cls) ? 'yes' : 'no'} |`,
        );
    }
  }
}
await estate.close();

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
console.log('| tool and class | hosts agreeing | hosts disagreeing |\n| --- | --- | --- |');
for (const [key, v] of Object.entries(agreement).sort())
  console.log(`| ${key} | ${v.agree} | ${v.disagree} |`);
console.log('\n| host | class | Surveyor | peer |\n| --- | --- | --- | --- |');
console.log(rows.length === 0 ? '| (none) | | | |' : rows.join('\n'));
console.log(
  `\nper TLS host: Surveyor ${mean(times.surveyor).toFixed(0)} ms (all checks), sslscan ${mean(times.sslscan).toFixed(0)} ms` +
    (times.testssl.length > 0 ? `, testssl.sh -p -S ${mean(times.testssl).toFixed(0)} ms` : ''),
);
