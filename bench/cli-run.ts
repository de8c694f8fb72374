/**
 * Runs the bundled `surveyor` CLI as a child process and reports its CPU time (every Node process it
 * runs, summed) and peak RSS (process.resourceUsage() at exit, passed back on stderr), so a benchmark
 * can state what one `surveyor analyze` costs on a loaded machine, where wall time is mostly waiting.
 */
import { spawn } from 'node:child_process';

export interface CliUsage {
  readonly cpuSeconds: number;
  readonly userSeconds: number;
  readonly systemSeconds: number;
  readonly wallSeconds: number;
  readonly maxRssMb: number;
  readonly exitCode: number | null;
}

const MARK = 'surveyor-bench-usage:';
// Preloaded into the child: prints its resource usage as it exits, after everything else.
const HOOK = `process.on('exit', () => process.stderr.write('\\n${MARK}' + JSON.stringify(process.resourceUsage()) + '\\n'));`;

/** `await runCli(['analyze', '--format', 'alb', '--json', 'x.log'])`; stdout is discarded. */
export async function runCli(args: readonly string[]): Promise<CliUsage> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(HOOK)}`, 'bin/surveyor.js', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // One line per Node process: `surveyor analyze` is a launcher and the Node it starts.
  const usages = stderr
    .split('\n')
    .filter((l) => l.startsWith(MARK))
    .map((l) => JSON.parse(l.slice(MARK.length)) as NodeJS.ResourceUsage);
  if (usages.length === 0)
    throw new Error(`surveyor ${args.join(' ')} reported no usage: ${stderr.slice(-500)}`);
  const user = usages.reduce((sum, u) => sum + u.userCPUTime, 0) / 1e6;
  const system = usages.reduce((sum, u) => sum + u.systemCPUTime, 0) / 1e6;
  return {
    userSeconds: user,
    systemSeconds: system,
    cpuSeconds: user + system,
    wallSeconds: (performance.now() - started) / 1000,
    maxRssMb: Math.round(Math.max(...usages.map((u) => u.maxRSS)) / 1024),
    exitCode,
  };
}
