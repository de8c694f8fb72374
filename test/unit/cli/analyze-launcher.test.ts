import { describe, it, expect } from '@jest/globals';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(process.cwd(), 'bin/surveyor.js');
const MARK = 'launcher-test:';
// Preloaded into every Node the command runs: says which process it is and with which V8 flags.
const HOOK = `process.stderr.write('${MARK}' + JSON.stringify({ pid: process.pid, execArgv: process.execArgv }) + '\\n');`;

interface Started {
  readonly pid: number;
  readonly execArgv: string[];
}

/** Starts `surveyor <args>` as a user would; resolves with its exit and what each Node reported. */
function start(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(HOOK)}`, BIN, ...args],
    {
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  const started: Started[] = [];
  const nodes = (count: number) =>
    new Promise<Started[]>((resolve) => {
      const check = () => (started.length >= count ? resolve(started) : setTimeout(check, 20));
      check();
    });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    for (const line of text.split('\n'))
      if (line.startsWith(MARK)) started.push(JSON.parse(line.slice(MARK.length)) as Started);
  });
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { child, nodes, exit };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('surveyor analyze launcher', () => {
  it('analyzes in a Node with a 64 MB semi-space and keeps its exit code', async () => {
    const run = start(['analyze', join(process.cwd(), 'no-such-file.log')]);
    const { code, stderr } = await run.exit;
    expect(code).toBe(1);
    expect(stderr).toContain('no such file');
    const [launcher, analysis] = await run.nodes(2);
    expect(launcher!.execArgv).not.toContain('--max-semi-space-size=64');
    expect(analysis!.execArgv).toContain('--max-semi-space-size=64');
  });

  it('passes a SIGTERM on to the analysis and exits as terminated by it', async () => {
    const run = start(['analyze', '-']); // waits on stdin
    const [, analysis] = await run.nodes(2);
    run.child.kill('SIGTERM');
    const { code } = await run.exit;
    expect(code).toBe(128 + 15);
    for (let i = 0; i < 50 && alive(analysis!.pid); i++) await new Promise((r) => setTimeout(r, 20));
    expect(alive(analysis!.pid)).toBe(false);
  });

  it('starts no second Node for other commands', async () => {
    const run = start(['--help']);
    expect((await run.exit).code).toBe(0);
    expect(await run.nodes(1)).toHaveLength(1);
  });
});
