/** Messages between `analyzeFilesInWorker` and the parse worker (parse-worker.ts). */
import type { Quarantined } from '#events/quarantine.schema';
import type { PackedCalls } from './packed-calls.ts';
import type { SourceParseOptions } from './parse-options.ts';

export interface LogFile {
  readonly path: string;
  /** Named in quarantine records (`origin`), as `LogSource.origin`. */
  readonly origin: string;
}

/** `workerData`: what to parse, and how (the options that reach `parseLog`). */
export interface ParseRequest {
  readonly files: readonly LogFile[];
  readonly options: SourceParseOptions;
}

/** Worker to counter; the counter answers each batch it takes with an empty message (a credit). */
export type WorkerMessage =
  | {
      readonly type: 'batch';
      readonly calls: PackedCalls;
      readonly quarantined: Quarantined[];
      readonly lines: number;
      /** Bytes read so far over all files, as stored (compressed for gzip): for progress. */
      readonly bytesRead: number;
    }
  | { readonly type: 'done'; readonly bytesRead: number }
  | { readonly type: 'error'; readonly name: string; readonly message: string };
