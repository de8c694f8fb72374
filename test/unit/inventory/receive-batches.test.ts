/**
 * How a counting thread's batches end when the parser does not say `done`: with the parser's own
 * error, or, if its port just closes (the parser stopped), with an error rather than a wait forever.
 */
import { describe, it, expect } from '@jest/globals';
import { MessageChannel } from 'node:worker_threads';
import { LogInputError } from '#shared/logs/read-lines';
import { packCalls } from '#shared/inventory/packed-calls';
import { receiveBatches } from '#shared/inventory/receive-batches';
import type { BatchMessage } from '#shared/inventory/worker-protocol';

const ONE_BATCH: BatchMessage = {
  type: 'batch',
  calls: packCalls([
    { host: 'api.example.com', method: 'GET', path: '/a', time: '2024-05-01T12:00:00Z', status: 200 },
  ]),
  quarantined: [],
  lines: 1,
  bytesRead: 10,
};

/** How many batches were taken, and the error that ended them, if any. */
async function drain(batches: AsyncGenerator<unknown>): Promise<{ taken: number; error?: Error }> {
  let taken = 0;
  try {
    for await (const _ of batches) taken++;
    return { taken };
  } catch (error) {
    return { taken, error: error as Error };
  }
}

describe('receiveBatches on a counting thread', () => {
  it("ends with the parser's read error, as the main thread's counting does, after the batches sent before it", async () => {
    const { port1: parser, port2: counter } = new MessageChannel();
    parser.postMessage(ONE_BATCH);
    parser.postMessage({
      type: 'error',
      name: 'LogInputError',
      message: 'cannot read input: unexpected end of file',
    });
    const { taken, error } = await drain(receiveBatches(counter));
    expect(error).toBeInstanceOf(LogInputError);
    expect(error?.message).toBe('cannot read input: unexpected end of file');
    expect(taken).toBe(1);
    parser.close();
  });

  it('ends with an error when the parser goes away before done, after the batches it sent', async () => {
    const { port1: parser, port2: counter } = new MessageChannel();
    parser.postMessage(ONE_BATCH);
    parser.close();
    const { taken, error } = await drain(receiveBatches(counter));
    expect(error?.message).toBe('the parse worker stopped before it was done');
    expect(taken).toBe(1);
  });

  it('takes every batch and ends at done', async () => {
    const { port1: parser, port2: counter } = new MessageChannel();
    parser.postMessage(ONE_BATCH);
    parser.postMessage(ONE_BATCH);
    parser.postMessage({ type: 'done', bytesRead: 20 });
    expect(await drain(receiveBatches(counter))).toEqual({ taken: 2 });
    parser.close();
  });
});
