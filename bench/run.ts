/** `npm run bench`: every benchmark in turn; each prints its own figures (docs/PERFORMANCE.md). */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('--quick');
const runs: [string, string[]][] = [
  ['inventory core throughput', ['bench/throughput.ts']],
  [
    'templating quality on the APIs.guru corpus',
    ['bench/templating-eval.ts', ...(quick ? ['--apis', '300'] : [])],
  ],
  [
    'local pipeline latency and write amplification',
    ['bench/pipeline.ts', ...(quick ? ['--probes', '30', '--calls', '20000'] : [])],
  ],
  [
    'exact counts at 115,000 ALB calls through two shards (exits 1 on a mismatch)',
    ['bench/exact-counts.ts', ...(quick ? ['--lines', '30000', '--apis', '20'] : [])],
  ],
  [
    'forwarder throughput by stage',
    ['bench/forwarder.ts', ...(quick ? ['--lines', '30000', '--apis', '20'] : [])],
  ],
  ['classification cost per call', ['bench/classify.ts']],
  [
    'worst-case input against normal traffic',
    ['bench/hostile-input.ts', ...(quick ? ['--lines', '20000', '--rounds', '1'] : [])],
  ],
  [
    'log intake throughput and cost per million calls',
    ['bench/intake.ts', ...(quick ? ['--requests', '4'] : [])],
  ],
  [
    'alert latency and burst folding',
    ['bench/alerts.ts', ...(quick ? ['--probes', '20', '--burst', '300'] : [])],
  ],
  [
    'classification overhead on the inventory core',
    ['bench/classification-overhead.ts', ...(quick ? ['--rounds', '3'] : [])],
  ],
  [
    'external scan of a generated estate',
    ['bench/scans/scan-throughput.ts', ...(quick ? ['--hosts', '200'] : [])],
  ],
  [
    'portal inventory pages on 50,000 endpoints',
    ['bench/portal-inventory.ts', ...(quick ? ['--endpoints', '5000', '--probes', '50'] : [])],
  ],
];
let failed = 0;
for (const [title, args] of runs) {
  console.log(`\n== ${title}`);
  // Separate processes: one benchmark's heap and JIT state must not colour the next one's figures.
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
