/**
 * `analyzeLogs` over files with the reading, decompression and parsing on a worker thread, while
 * this thread templates and counts: the two halves of the work overlap on two cores. Templating
 * stays on one thread (its learning depends on the order of calls), fed the same batches in the
 * same order, so the inventory is the one `analyzeLogs` makes, byte for byte.
 */
import { Worker } from 'node:worker_threads';
import { LogInputError } from '#shared/logs/read-lines';
import { countBatches, type AnalyzeOptions, type CountableBatch, type InventoryReport } from './analyze.ts';
import { unpackCalls } from './packed-calls.ts';
import type { LogFile, ParseRequest, WorkerMessage } from './worker-protocol.ts';

export type { LogFile } from './worker-protocol.ts';

export interface ParseWorker {
  /** The worker's entry module: one that calls `runParseWorker(parentPort, workerData)`. */
  readonly url: URL;
  /** Node options for the worker; by default this thread's (e.g. tsx's loader when run from source). */
  readonly execArgv?: string[];
  /** Bytes read so far over all files, as stored. */
  readonly onProgress?: (bytesRead: number) => void;
}

/** `await analyzeFilesInWorker([{ path, origin: path }], { format: 'alb' }, { url })`: see analyzeLogs. */
export async function analyzeFilesInWorker(
  files: readonly LogFile[],
  options: AnalyzeOptions,
  parser: ParseWorker,
): Promise<InventoryReport> {
  const request: ParseRequest = {
    files,
    options: {
      format: options.format,
      ...(options.defaultHost !== undefined && { defaultHost: options.defaultHost }),
      ...(options.classify !== undefined && { classify: options.classify }),
    },
  };
  const worker = new Worker(parser.url, {
    workerData: request,
    ...(parser.execArgv !== undefined && { execArgv: parser.execArgv }),
  });
  try {
    return await countBatches(batchesFrom(worker, parser.onProgress), options);
  } finally {
    await worker.terminate();
  }
}

/** The worker's batches as they arrive; its failure is thrown as the same error parsing here would. */
async function* batchesFrom(
  worker: Worker,
  onProgress?: (bytesRead: number) => void,
): AsyncGenerator<CountableBatch> {
  const queue: WorkerMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure ??= error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the parse worker stopped (exit code ${code})`);
    wake?.();
  });
  for (;;) {
    // Messages the worker sent before it stopped are still counted, as they would be here.
    while (queue.length === 0) {
      if (failure !== undefined) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    const message = queue.shift()!;
    if (message.type === 'error')
      throw message.name === 'LogInputError'
        ? new LogInputError(message.message)
        : new Error(message.message);
    onProgress?.(message.bytesRead);
    if (message.type === 'done') return;
    worker.postMessage(null); // a credit: the worker may parse one more batch ahead
    yield { calls: unpackCalls(message.calls), quarantined: message.quarantined, lines: message.lines };
  }
}
