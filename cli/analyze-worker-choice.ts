/**
 * Whether `surveyor analyze` parses on a worker thread (`--worker auto|always|never`), and where the
 * worker's entry module is. Parsing in a worker overlaps reading and parsing with templating and
 * counting; starting it costs a thread and its module loading, which only large inputs repay
 * (crossover measured in docs/PERFORMANCE.md).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot, runsFromBundle } from '#local/package-root';
import type { ParseWorker } from '#shared/inventory/analyze-in-worker';

export const WORKER_CHOICES = ['auto', 'always', 'never'] as const;
export type WorkerChoice = (typeof WORKER_CHOICES)[number];

/** `auto` uses the worker from this many bytes of input, as stored (gzip counts compressed). */
export const AUTO_WORKER_BYTES = 16 * 1024 * 1024;

/** stdin is read where it is, on the main thread, whatever the choice. */
export function useWorker(choice: WorkerChoice, inputs: readonly { file: string; size?: number }[]): boolean {
  if (choice === 'never' || inputs.some((i) => i.file === '-')) return false;
  return choice === 'always' || inputs.reduce((sum, i) => sum + (i.size ?? 0), 0) >= AUTO_WORKER_BYTES;
}

/** The bundle's compiled worker (plain Node), or the TypeScript source under the loader running this. */
export function parseWorker(): Pick<ParseWorker, 'url' | 'execArgv'> {
  const root = packageRoot(import.meta.url);
  // The bundle's Node may carry preloads (`--import`) and V8 flags meant for the main thread only.
  if (runsFromBundle(import.meta.url))
    return { url: pathToFileURL(join(root, 'dist', 'cli', 'analyze-worker.js')), execArgv: [] };
  return { url: pathToFileURL(join(root, 'cli', 'analyze-worker.ts')) };
}
