/**
 * Runs the bundled `surveyor` CLI as a child process and reports the child's own CPU time and peak
 * RSS (from process.resourceUsage() at its exit, passed back on stderr), so a benchmark can state
 * what one `surveyor analyze` costs on a loaded machine, where wall-clock time is mostly waiting.
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
  const line = stderr.split('\n').find((l) => l.startsWith(MARK));
  if (line === undefined)
    throw new Error(`surveyor ${args.join(' ')} reported no usage: ${stderr.slice(-500)}`);
  const usage = JSON.parse(line.slice(MARK.length)) as NodeJS.ResourceUsage;
  return {
    userSeconds: usage.userCPUTime / 1e6,
    systemSeconds: usage.systemCPUTime / 1e6,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    wallSeconds: (performance.now() - started) / 1000,
    maxRssMb: Math.round(usage.maxRSS / 1024),
    exitCode,
  };
}
