/**
 * The worker thread's side of `analyzeFilesInWorker` (analyze-in-worker.ts): reads, decompresses and
 * parses the files in order, exactly as `analyzeLogs` would (same batches, same line numbers, same
 * quarantine), and posts each batch's calls packed. It stays at most WINDOW batches ahead of the
 * thread that counts them, so memory does not grow when parsing outruns counting.
 */
import type { MessagePort } from 'node:worker_threads';
import { parseLog } from '#shared/logs/parse-log';
import { openLogInput, readLineBatches } from '#shared/logs/read-lines';
import { parseOptionsFor } from './parse-options.ts';
import { packCalls, transferables } from './packed-calls.ts';
import type { ParseRequest, WorkerMessage } from './worker-protocol.ts';

const WINDOW = 4;

/** Runs in the worker: `runParseWorker(parentPort, workerData)`; resolves once all is posted. */
export async function runParseWorker(port: MessagePort, request: ParseRequest): Promise<void> {
  let credit = WINDOW;
  let granted: (() => void) | undefined;
  port.on('message', () => {
    credit++;
    granted?.();
  });
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const { options } = request;
  try {
    let before = 0;
    for (const file of request.files) {
      let read = 0;
      // Opened as the main thread opens it, so a read error says what it would say there.
      const { stream } = openLogInput(file.path);
      const batches = readLineBatches(stream, { onProgress: (bytes) => (read = bytes) });
      for await (const batch of parseLog(batches, parseOptionsFor(file.origin, options))) {
        while (credit === 0) await new Promise<void>((resolve) => (granted = resolve));
        credit--;
        const calls = packCalls(batch.calls);
        post(
          {
            type: 'batch',
            calls,
            quarantined: batch.quarantined,
            lines: batch.lines,
            bytesRead: before + read,
          },
          transferables(calls),
        );
      }
      before += read;
    }
    post({ type: 'done', bytesRead: before });
  } catch (error) {
    post({ type: 'error', name: (error as Error).name, message: (error as Error).message });
  } finally {
    port.unref(); // the worker ends once the last message is out
  }
}
