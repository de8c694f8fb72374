/**
 * The parsing thread of `analyzeFilesInWorker` (analyze-in-worker.ts): reads, decompresses and parses
 * the files in order, exactly as `analyzeLogs` would (same batches, same line numbers, same
 * quarantine), and posts each batch's calls packed, split by host between the counting threads (the
 * main thread, which also gets the line counts and quarantine, and the counting workers). It stays
 * at most WINDOW batches ahead of the slowest of them, so memory does not grow when parsing outruns
 * counting.
 */
import type { MessagePort } from 'node:worker_threads';
import { parseLog } from '#shared/logs/parse-log';
import { openLogInput, readLineBatches } from '#shared/logs/read-lines';
import { HostShares } from './host-shares.ts';
import { packCalls, transferables } from './packed-calls.ts';
import { parseOptionsFor } from './parse-options.ts';
import type { BatchMessage, ParseRequest } from './worker-protocol.ts';

const WINDOW = 4;

/** Runs in the worker: `runParseWorker(parentPort, workerData)`; resolves once all is posted. */
export async function runParseWorker(main: MessagePort, request: ParseRequest): Promise<void> {
  const outputs = [main, ...request.counters];
  const credits = outputs.map(() => WINDOW);
  let granted: (() => void) | undefined;
  outputs.forEach((port, i) =>
    port.on('message', () => {
      credits[i]!++;
      granted?.();
    }),
  );
  const post = (port: MessagePort, message: BatchMessage, transfer: ArrayBuffer[] = []) =>
    port.postMessage(message, transfer);
  const shares = new HostShares(outputs.length);
  try {
    let before = 0;
    for (const file of request.files) {
      let read = 0;
      // Opened as the main thread opens it, so a read error says what it would say there.
      const { stream } = openLogInput(file.path);
      const batches = readLineBatches(stream, { onProgress: (bytes) => (read = bytes) });
      for await (const batch of parseLog(batches, parseOptionsFor(file.origin, request.options))) {
        while (credits.some((c) => c === 0)) await new Promise<void>((resolve) => (granted = resolve));
        const split = shares.split(batch.calls);
        outputs.forEach((port, i) => {
          credits[i]!--;
          const calls = packCalls(split[i]!);
          const mine = i === 0;
          const { quarantined, lines } = mine ? batch : { quarantined: [], lines: 0 };
          post(
            port,
            { type: 'batch', calls, quarantined, lines, bytesRead: before + read },
            transferables(calls),
          );
        });
      }
      before += read;
    }
    for (const port of outputs) post(port, { type: 'done', bytesRead: before });
  } catch (error) {
    // Counters get it too, so each ends with the error the main thread reports, not a hang.
    const failure = {
      type: 'error',
      name: (error as Error).name,
      message: (error as Error).message,
    } as const;
    for (const port of outputs) post(port, failure);
  } finally {
    for (const port of outputs) port.unref(); // the worker ends once the last message is out
  }
}
