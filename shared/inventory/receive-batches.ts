/** The parser's batches as a counting thread receives them (see parse-worker.ts). */
import type { MessagePort, Worker } from 'node:worker_threads';
import { LogInputError } from '#shared/logs/read-lines';
import type { CountableBatch } from './analyze.ts';
import { unpackCalls } from './packed-calls.ts';
import type { BatchMessage, FailureMessage } from './worker-protocol.ts';

/**
 * Batches from the parser, in order, each answered with a credit as it is taken; ends at `done`. A
 * failure is thrown as the error parsing on this thread would have thrown; from a Worker, so is its
 * crash or exit before `done`, and from a port, its closing (the parser stopped) before `done`.
 */
export async function* receiveBatches(
  source: MessagePort | Worker,
  onProgress?: (bytesRead: number) => void,
): AsyncGenerator<CountableBatch> {
  const queue: BatchMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const events = source as NodeJS.EventEmitter;
  events.on('message', (message: BatchMessage) => {
    queue.push(message);
    wake?.();
  });
  events.on('error', (error: Error) => {
    failure ??= error;
    wake?.();
  });
  events.on('exit', (code: number) => {
    failure ??= new Error(`the parse worker stopped (exit code ${code})`);
    wake?.();
  });
  events.on('close', () => {
    failure ??= new Error('the parse worker stopped before it was done');
    wake?.();
  });
  for (;;) {
    // Messages sent before a stop are still taken, as they would be on one thread.
    while (queue.length === 0) {
      if (failure !== undefined) throw failure;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    const message = queue.shift()!;
    if (message.type === 'error') throw asError(message);
    onProgress?.(message.bytesRead);
    if (message.type === 'done') return;
    source.postMessage(null); // a credit: the parser may run one more batch ahead
    yield { calls: unpackCalls(message.calls), quarantined: message.quarantined, lines: message.lines };
  }
}

/** The error a worker reported, as the class it was where that matters (a read error). */
export function asError({ name, message }: FailureMessage): Error {
  return name === 'LogInputError' ? new LogInputError(message) : new Error(message);
}
