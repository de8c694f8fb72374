#!/usr/bin/env node
// Builds the CLI bundle into dist/ (npm's `prepare` runs it on install): cli/main.ts, the worker
// thread `surveyor analyze` parses on and the Lambda handlers the local scan runner loads, as ES
// modules that plain Node runs without compiling TypeScript. Code splitting gives each command its
// own chunk (the help loads none of them) and lets the CLI and the handlers share one copy of every
// shared module. Packages stay in node_modules.
import { rmSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes dist/ afresh (a stale chunk would otherwise linger); resolves when it is complete. */
export async function buildCli() {
  const outdir = join(root, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const handlers = readdirSync(join(root, 'functions'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, 'functions', file));
  await build({
    absWorkingDir: root,
    // The analyze worker thread's entry is loaded by path (new Worker), so it is an entry of its own.
    entryPoints: [join(root, 'cli/main.ts'), join(root, 'cli/analyze-worker.ts'), ...handlers],
    outbase: root,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
