/**
 * Whether `surveyor analyze` parses on a worker thread (`--worker auto|always|never`), and where the
 * worker's entry module is. Parsing in a worker overlaps reading and parsing with templating and
 * counting; starting it costs a thread and its module loading, which only large inputs repay
 * (crossover measured in docs/PERFORMANCE.md).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot, runsFromBundle } from '#local/package-root';
import type { WorkerThreads } from '#shared/inventory/analyze-in-worker';

export const WORKER_CHOICES = ['auto', 'always', 'never'] as const;
export type WorkerChoice = (typeof WORKER_CHOICES)[number];

/**
 * `auto` uses the worker from this many bytes of log text (about 90,000 ALB lines): below it the
 * worker's start-up (a thread loading the parsers) costs more CPU than the main thread saves.
 */
export const AUTO_WORKER_BYTES = 64 * 1024 * 1024;
/** A gzip file counts as this many times its size: ALB logs compress about 5:1. */
const GZIP_RATIO = 5;

/** At most this many `--count-workers`: each holds its own templater, classifier and geo data. */
export const MAX_COUNT_WORKERS = 8;

/** stdin is read where it is, on the main thread, whatever the choice. */
export function useWorker(choice: WorkerChoice, inputs: readonly { file: string; size?: number }[]): boolean {
  if (choice === 'never' || inputs.some((i) => i.file === '-')) return false;
  if (choice === 'always') return true;
  const logBytes = inputs.reduce((sum, i) => sum + (i.size ?? 0) * (isGzip(i.file) ? GZIP_RATIO : 1), 0);
  return logBytes >= AUTO_WORKER_BYTES;
}

/** By its magic bytes, as the reader tells (read-lines.ts), whatever the name. */
function isGzip(file: string): boolean {
  const head = Buffer.alloc(2);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** The bundle's compiled worker (plain Node), or the TypeScript source under the loader running this. */
export function workerEntry(): Pick<WorkerThreads, 'url' | 'execArgv'> {
  const root = packageRoot(import.meta.url);
  // The bundle's Node may carry preloads (`--import`) and V8 flags meant for the main thread only.
  if (runsFromBundle(import.meta.url))
    return { url: pathToFileURL(join(root, 'dist', 'cli', 'analyze-worker.js')), execArgv: [] };
  return { url: pathToFileURL(join(root, 'cli', 'analyze-worker.ts')) };
}
