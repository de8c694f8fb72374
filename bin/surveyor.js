#!/usr/bin/env node
// The published entry point: runs the compiled CLI bundle (dist/, built by `npm install` through the
// `prepare` script, or `npm run build`). A checkout without the bundle builds it once, saying so.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('surveyor: building the CLI bundle (dist/) first: `npm run build` does it by hand\n');
  const { buildCli } = await import('./build-cli.js');
  await buildCli();
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv);
