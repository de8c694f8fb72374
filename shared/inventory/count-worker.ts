/**
 * A counting thread of `analyzeFilesInWorker` (analyze-in-worker.ts): templates and counts the hosts
 * the parser gives it, batch by batch as the main thread would, and answers with their endpoints.
 */
import type { MessagePort } from 'node:worker_threads';
import { countBatches, type AnalyzeOptions } from './analyze.ts';
import { receiveBatches } from './receive-batches.ts';
import type { CountMessage } from './worker-protocol.ts';

/** Runs in the worker: `runCountWorker(request.port, parentPort, options)`. */
export async function runCountWorker(
  input: MessagePort,
  output: MessagePort,
  options: AnalyzeOptions,
): Promise<void> {
  const post = (message: CountMessage) => output.postMessage(message);
  try {
    const report = await countBatches(receiveBatches(input), options);
    post({ type: 'endpoints', endpoints: report.endpoints });
  } catch (error) {
    post({ type: 'error', name: (error as Error).name, message: (error as Error).message });
  } finally {
    input.close();
  }
}
