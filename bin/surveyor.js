#!/usr/bin/env node
// The published entry point: runs the compiled CLI bundle (dist/, built by `npm install` through the
// `prepare` script, or `npm run build`). A checkout without the bundle builds it once, saying so.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';

// `surveyor analyze` makes a string and a call per log line. With V8's default 16 MB semi-space the
// young generation is collected ~210 times on 500,000 ALB lines, with 64 MB ~50 times: ~5% less CPU
// for ~100 MB more peak RSS (docs/PERFORMANCE.md). V8 reads the size only at start-up, so analyze
// runs in a Node started with it; the launcher's own cost is Node's start-up, ~40 ms.
const YOUNG_GENERATION = '--max-semi-space-size=64';
const sized = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) =>
  flag.includes('--max-semi-space-size'),
);
if (process.argv[2] === 'analyze' && !sized) {
  const child = spawn(process.execPath, [...process.execArgv, YOUNG_GENERATION, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const [code, signal] = await new Promise((resolve) => child.on('exit', (...exit) => resolve(exit)));
  process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
}

const bundle = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('surveyor: building the CLI bundle (dist/) first: `npm run build` does it by hand\n');
  const { buildCli } = await import('./build-cli.js');
  await buildCli();
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv);
