/** The contract of every line parser: a call or a reason, never an exception. */
import type { ApiCall } from '#events/api-call.schema';

/** What a line parser returns: the call, or why the line is not one. Parsers never throw. */
export type ParseOutcome = { ok: true; call: ApiCall } | { ok: false; reason: string };

export interface ParseOptions {
  /** Host to use when the line names none (e.g. the API a log group belongs to). */
  readonly defaultHost?: string;
  /**
   * `false` skips per-call classification (sensitive-data detection, auth refinement). Only for
   * measuring what classification costs (bench/classification-overhead.ts); the default is on.
   */
  readonly classify?: boolean;
  /** nginx only: the tenant's own `log_format` (nginx syntax) instead of `main` / `combined`. */
  readonly logFormat?: string;
  /** JSON lines only: which fields hold what (defaults in json-lines.ts). */
  readonly jsonFields?: JsonFieldNames;
}

/** Field names (dotted paths for nested objects) of a JSON-lines access log; `latency` in ms unless `latencyUnit: 's'`. */
export interface JsonFieldNames {
  readonly method?: string;
  readonly path?: string;
  readonly status?: string;
  readonly host?: string;
  readonly client?: string;
  readonly timestamp?: string;
  readonly latency?: string;
  readonly latencyUnit?: 'ms' | 's';
}

export const fail = (reason: string): ParseOutcome => ({ ok: false, reason });
