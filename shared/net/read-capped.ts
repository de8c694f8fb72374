/** Reads a response body up to a byte cap; what lies beyond is never read (the socket is dropped). */
import type { IncomingMessage } from 'node:http';

export interface CappedBody {
  readonly body: Buffer;
  readonly truncated: boolean;
}

export function readCapped(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<CappedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (truncated: boolean): void => {
      cleanup();
      resolve({ body: Buffer.concat(chunks, size), truncated });
    };
    const onData = (chunk: Buffer): void => {
      const room = maxBytes - size;
      if (chunk.length > room) {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += Math.max(0, room);
        response.destroy();
        finish(true);
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = (): void => finish(false);
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onAbort = (): void => {
      cleanup();
      response.destroy();
      reject(signal.reason);
    };
    const cleanup = (): void => {
      response.off('data', onData);
      response.off('end', onEnd);
      response.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    response.on('data', onData);
    response.once('end', onEnd);
    response.once('error', onError);
  });
}
