/**
 * Streams log lines from a file, stdin or any readable, plain or gzip (detected by its magic bytes,
 * whatever the name; concatenated gzip members, as AWS writes them, are read through). Memory stays
 * constant: lines are yielded in batches and a pathological line is cut at MAX_LINE.
 *
 * Lines are split on the bytes and each is decoded on its own (a newline byte is never inside a
 * UTF-8 character, so this reads as decoding the whole input would). Each line is then its own
 * string: a path or time kept from it (a cache key, an endpoint's lastSeen) holds that line, not
 * the whole 256 KiB chunk that a slice of one decoded chunk would keep alive.
 */
import { createReadStream, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export const MAX_LINE = 64 * 1024;
/** A line past this many bytes is past MAX_LINE UTF-16 units (UTF-8 takes at most 3 bytes per unit). */
const MAX_LINE_BYTES = 3 * MAX_LINE;
/** Bytes kept of a line cut for length: enough for the 2,048 characters the quarantine shows. */
const CUT_KEPT_BYTES = 4 * 2048;
const NEWLINE = 0x0a;
/** Prefix of a line cut at MAX_LINE; the parser quarantines it as too long. */
export const TOO_LONG = '\u0000line too long\u0000';

export interface ReadOptions {
  readonly batchSize?: number;
  /** Bytes read from the input as stored (compressed for gzip), and its size when known. */
  readonly onProgress?: (bytesRead: number, totalBytes?: number) => void;
}

export class LogInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LogInputError';
  }
}

/** Opens a path (or `-` for stdin) for reading; a missing or unreadable file fails here, clearly. */
export function openLogInput(pathOrDash: string): { stream: Readable; size?: number } {
  if (pathOrDash === '-') return { stream: process.stdin };
  let size: number;
  try {
    const stat = statSync(pathOrDash);
    if (!stat.isFile()) throw new LogInputError(`${pathOrDash} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof LogInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new LogInputError(`cannot read ${pathOrDash}: ${why}`, { cause: error });
  }
  return { stream: createReadStream(pathOrDash, { highWaterMark: 256 * 1024 }), size };
}

/** `for await (const lines of readLineBatches('alb.log.gz')) ...` */
export async function* readLineBatches(
  input: string | Readable,
  options: ReadOptions = {},
): AsyncGenerator<string[]> {
  const { stream: raw, size } =
    typeof input === 'string' ? openLogInput(input) : { stream: input, size: undefined };
  const batchSize = options.batchSize ?? 4096;
  let bytes = 0;
  raw.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    options.onProgress?.(bytes, size);
  });
  // The start of a line that continues in the next chunk (its first CUT_KEPT_BYTES once cut).
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let cut = false;
  let batch: string[] = [];
  let source: AsyncIterable<Buffer> | undefined;
  const rawIterator = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await rawIterator.next().catch((error: unknown) => {
    throw new LogInputError(`cannot read ${typeof input === 'string' ? input : 'input'}: ${String(error)}`, {
      cause: error,
    });
  });
  if (first.done) return;
  const head = first.value;
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => rawIterator };
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    (async () => {
      gunzip.write(head);
      for await (const chunk of rest)
        if (!gunzip.write(chunk)) await new Promise((r) => gunzip.once('drain', r));
      gunzip.end();
    })().catch((error: unknown) => gunzip.destroy(error as Error));
    source = gunzip;
  } else {
    source = (async function* () {
      yield head;
      yield* rest;
    })();
  }
  try {
    for await (const chunk of source) {
      const ascii = isAscii(chunk);
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
        let line: string;
        if (partialBytes === 0) line = chunk.toString(ascii ? 'latin1' : 'utf8', start, nl);
        else {
          if (!cut) partial.push(chunk.subarray(start, nl));
          line = Buffer.concat(partial).toString('utf8');
          partial = [];
          partialBytes = 0;
        }
        start = nl + 1;
        batch.push(finish(line, cut || line.length > MAX_LINE));
        cut = false;
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (!cut && start < chunk.length) {
        // Copied: the rest of the chunk is a few hundred bytes, the chunk itself 256 KiB.
        partial.push(Buffer.from(chunk.subarray(start)));
        partialBytes += chunk.length - start;
        if (partialBytes > MAX_LINE_BYTES) {
          partial = [Buffer.concat(partial).subarray(0, CUT_KEPT_BYTES)];
          cut = true;
        }
      }
    }
  } catch (error) {
    throw new LogInputError(
      `cannot read ${typeof input === 'string' ? input : 'input'}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (partialBytes > 0) {
    const tail = Buffer.concat(partial).toString('utf8');
    batch.push(finish(tail, cut || tail.length > MAX_LINE));
  }
  if (batch.length > 0) yield batch;
}

function finish(line: string, cut: boolean): string {
  const text = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
  return cut ? TOO_LONG + text.slice(0, 2048) : text;
}
