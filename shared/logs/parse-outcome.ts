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
}

export const fail = (reason: string): ParseOutcome => ({ ok: false, reason });
