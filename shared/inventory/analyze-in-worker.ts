/**
 * `analyzeLogs` over files on several threads: a worker reads, decompresses and parses; the main
 * thread and `counters` more workers each template and count a share of the hosts. Templating
 * learns from the order of a host's calls, so each host stays on one thread, fed its calls in the
 * same order and batches: the inventory is the one `analyzeLogs` makes, byte for byte.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import { countBatches, type AnalyzeOptions, type InventoryReport } from './analyze.ts';
import { asError, receiveBatches } from './receive-batches.ts';
import type { CountMessage, CountRequest, CountSetup, LogFile, ParseRequest } from './worker-protocol.ts';

export type { CountSetup, LogFile } from './worker-protocol.ts';

export interface WorkerThreads {
  /** The workers' entry module: it runs `runParseWorker` or `runCountWorker` by `workerData.role`. */
  readonly url: URL;
  /** Node options for the workers; by default this thread's (e.g. tsx's loader when run from source). */
  readonly execArgv?: string[];
  /** Counting workers beside the main thread (0: the main thread counts every host). */
  readonly counters: number;
  /** What the counting workers build their templater and classifier from: the main thread's own. */
  readonly setup: CountSetup;
  /** Bytes read so far over all files, as stored. */
  readonly onProgress?: (bytesRead: number) => void;
}

/** `await analyzeFilesInWorker([{ path, origin: path }], { format: 'alb' }, threads)`: see analyzeLogs. */
export async function analyzeFilesInWorker(
  files: readonly LogFile[],
  options: AnalyzeOptions,
  threads: WorkerThreads,
): Promise<InventoryReport> {
  const start = (workerData: ParseRequest | CountRequest, transferList: MessagePort[]) =>
    new Worker(threads.url, {
      workerData,
      transferList,
      ...(threads.execArgv !== undefined && { execArgv: threads.execArgv }),
    });
  const channels = Array.from({ length: threads.counters }, () => new MessageChannel());
  const counters = channels.map(({ port2 }) =>
    start({ role: 'count', port: port2, ...threads.setup }, [port2]),
  );
  const parsing = channels.map(({ port1 }) => port1);
  const parser = start(
    {
      role: 'parse',
      files,
      options: {
        format: options.format,
        ...(options.defaultHost !== undefined && { defaultHost: options.defaultHost }),
        ...(options.classify !== undefined && { classify: options.classify }),
      },
      counters: parsing,
    },
    parsing,
  );
  // A counter that fails stops the parser (which would wait for it forever); its error is reported.
  let counterFailure: Error | undefined;
  const counted = counters.map((counter) =>
    endpointsOf(counter).catch((error: Error) => {
      counterFailure ??= error;
      void parser.terminate();
      return [];
    }),
  );
  try {
    const report = await countBatches(receiveBatches(parser, threads.onProgress), options).catch(
      (error: unknown) => {
        throw counterFailure ?? error;
      },
    );
    const others = await Promise.all(counted);
    if (counterFailure !== undefined) throw counterFailure;
    // Hosts are disjoint between threads and each list is sorted by host first: a stable sort by
    // host alone gives the order one aggregator's endpoints() has.
    report.endpoints = [report.endpoints, ...others].flat().sort((a, b) => cmp(a.host, b.host));
    return report;
  } finally {
    await Promise.all([parser, ...counters].map((worker) => worker.terminate()));
  }
}

/** A counting worker's endpoints, or its failure. */
function endpointsOf(counter: Worker): Promise<EndpointSummary[]> {
  return new Promise((resolve, reject) => {
    counter.on('message', (message: CountMessage) =>
      message.type === 'endpoints' ? resolve(message.endpoints) : reject(asError(message)),
    );
    counter.on('error', reject);
    counter.on('exit', (code) => reject(new Error(`a counting worker stopped (exit code ${code})`)));
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
