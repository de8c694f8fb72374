/**
 * Messages between `analyzeFilesInWorker` and its worker threads: one parses (parse-worker.ts), and
 * each of the others counts the hosts given to it (count-worker.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { Quarantined } from '#events/quarantine.schema';
import type { TenantSettings } from '#events/risk-rules.schema';
import type { PackedCalls } from './packed-calls.ts';
import type { SourceParseOptions } from './parse-options.ts';
import type { TemplateRules } from './template-pins.ts';

export interface LogFile {
  readonly path: string;
  /** Named in quarantine records (`origin`), as `LogSource.origin`. */
  readonly origin: string;
}

/** `workerData` of the parsing thread: what to parse, how, and where each host's calls go. */
export interface ParseRequest {
  readonly role: 'parse';
  readonly files: readonly LogFile[];
  readonly options: SourceParseOptions;
  /** One port per counting worker; the main thread (parentPort) counts the first share of hosts. */
  readonly counters: readonly MessagePort[];
}

/** How a counting worker templates and classifies: what the main thread's own counting uses. */
export interface CountSetup {
  readonly rules: readonly (readonly [string, TemplateRules])[];
  readonly settings: TenantSettings;
  readonly geo: boolean;
  readonly classify: boolean;
}

/** `workerData` of a counting thread: it reads batches from `port` and answers on parentPort. */
export interface CountRequest extends CountSetup {
  readonly role: 'count';
  readonly port: MessagePort;
}

export type WorkerRequest = ParseRequest | CountRequest;

/** Parser to counter; a counter answers each batch it takes with an empty message (a credit). */
export type BatchMessage =
  | {
      readonly type: 'batch';
      readonly calls: PackedCalls;
      readonly quarantined: Quarantined[];
      readonly lines: number;
      /** Bytes read so far over all files, as stored (compressed for gzip): for progress. */
      readonly bytesRead: number;
    }
  | { readonly type: 'done'; readonly bytesRead: number }
  | FailureMessage;

/** A counting worker's answer once the parser is done. */
export type CountMessage =
  { readonly type: 'endpoints'; readonly endpoints: EndpointSummary[] } | FailureMessage;

export interface FailureMessage {
  readonly type: 'error';
  readonly name: string;
  readonly message: string;
}
