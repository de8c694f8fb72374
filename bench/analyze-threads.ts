/**
 * `surveyor analyze` on one thread against its worker threads (`--worker`, `--count-workers`),
 * alternating runs: wall time, the process's CPU and each thread's CPU, sampled from
 * /proc/<pid>/task (Linux). On a shared machine wall time mostly measures waiting; the main
 * thread's CPU is what bounds an idle machine's wall time once the other threads run beside it.
 *
 *   tsx bench/analyze-threads.ts [--rounds N] FILE
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Command } from 'commander';

const program = new Command()
  .argument('<file>', 'an ALB log (bench/throughput.ts writes bench/out/alb-300-500000.log[.gz])')
  .option('--rounds <n>', 'rounds of every configuration', (v) => Number.parseInt(v, 10), 2)
  .parse();
const [file] = program.args as [string];
const { rounds } = program.opts<{ rounds: number }>();

const CONFIGURATIONS: [string, string[]][] = [
  ['one thread', ['--worker', 'never']],
  ['parse worker', ['--worker', 'always']],
  ['parse worker + 1 counting worker', ['--worker', 'always', '--count-workers', '1']],
];
/** /proc reports CPU in clock ticks (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface ThreadUsage {
  readonly main: number;
  /** Other threads, most CPU first: workers, GC helpers, libuv's pool (gunzip). */
  readonly others: number[];
}

/** Runs the bundled CLI without the launcher (its V8 flag given here) and samples its threads. */
async function measure(args: string[]): Promise<{ wall: number; usage: ThreadUsage; code: number | null }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--max-semi-space-size=64',
      'bin/surveyor.js',
      'analyze',
      '--format',
      'alb',
      '--json',
      '--no-geo',
      ...args,
      file,
    ],
    { stdio: 'ignore' },
  );
  // A finished worker's task disappears: the last sample before it ends is kept (50 ms granularity).
  const last = new Map<string, number>();
  const sample = () => {
    try {
      for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
        const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        last.set(tid, (Number(fields[11]) + Number(fields[12])) / TICKS);
      }
    } catch {
      // the process or a thread ended between listing and reading
    }
  };
  const timer = setInterval(sample, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const main = last.get(String(child.pid)) ?? 0;
  last.delete(String(child.pid));
  const others = [...last.values()].sort((a, b) => b - a);
  return { wall: (performance.now() - started) / 1000, usage: { main, others }, code };
}

for (let round = 1; round <= rounds; round++)
  for (const [name, args] of CONFIGURATIONS) {
    const { wall, usage, code } = await measure(args);
    const total = usage.main + usage.others.reduce((sum, s) => sum + s, 0);
    const top = usage.others
      .slice(0, 3)
      .map((s) => s.toFixed(2))
      .join(', ');
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `${name}: CPU ${total.toFixed(2)} s (main thread ${usage.main.toFixed(2)}, next threads ${top}), wall ${wall.toFixed(2)} s, exit ${code}, load ${load}`,
    );
  }
