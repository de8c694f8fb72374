/**
 * Streams log lines from a file, stdin or any readable, plain or gzip (detected by its magic bytes,
 * whatever the name; concatenated gzip members, as AWS writes them, are read through). Memory stays
 * constant: lines are yielded in batches and a pathological line is cut at MAX_LINE.
 */
import { createReadStream, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export const MAX_LINE = 64 * 1024;
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
  const decoder = new StringDecoder('utf8');
  let partial = '';
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
      const text = decode(decoder, chunk);
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        const piece = text.slice(start, nl);
        start = nl + 1;
        const line = cut ? partial : partial + piece;
        batch.push(finish(line, cut || line.length > MAX_LINE));
        partial = '';
        cut = false;
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (!cut) {
        partial += text.slice(start);
        if (partial.length > MAX_LINE) {
          partial = partial.slice(0, MAX_LINE);
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
  const tail = partial + (cut ? '' : decoder.end());
  if (tail !== '') batch.push(finish(tail, cut));
  if (batch.length > 0) yield batch;
}

/**
 * Access logs are nearly always ASCII: such a chunk is copied as one-byte text (about 3x cheaper
 * than UTF-8 decoding). `end()` first flushes a multi-byte character the previous chunk left
 * incomplete, as the U+FFFD that `write` would give it before an ASCII byte.
 */
function decode(decoder: StringDecoder, chunk: Buffer): string {
  return isAscii(chunk) ? decoder.end() + chunk.toString('latin1') : decoder.write(chunk);
}

function finish(line: string, cut: boolean): string {
  const text = line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
  return cut ? TOO_LONG + text.slice(0, 2048) : text;
}
