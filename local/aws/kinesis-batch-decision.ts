/**
 * What Lambda's Kinesis event source mapping does after an invocation, as pure functions: which
 * records succeeded (checkpoint), which to retry, when to bisect, when to give up. The poller in
 * kinesis-event-source.ts only carries these decisions out.
 */
import type { InvokeOutcome } from './invoke.ts';

export interface RetryPolicy {
  /** Split a batch in two when the function throws (splits do not count as retries). */
  readonly bisectBatchOnError: boolean;
  /** -1: retry until the records expire (Lambda's default, a poison record stalls the shard). */
  readonly maximumRetryAttempts: number;
  /** -1: records never expire (Lambda's default). */
  readonly maximumRecordAgeSeconds: number;
  /** The mapping's `FunctionResponseTypes: ['ReportBatchItemFailures']`. */
  readonly reportBatchItemFailures: boolean;
}

export const LAMBDA_DEFAULT_POLICY: RetryPolicy = {
  bisectBatchOnError: false,
  maximumRetryAttempts: -1,
  maximumRecordAgeSeconds: -1,
  reportBatchItemFailures: true,
};

export type Verdict =
  | { readonly kind: 'success' }
  /** Records before `firstFailed` succeeded; it and everything after are retried. */
  | { readonly kind: 'partial'; readonly firstFailed: number }
  | { readonly kind: 'failure'; readonly reason: string };

export type Decision =
  /** Checkpoint through the last record. */
  | { readonly kind: 'done' }
  /** Checkpoint before `from`, then invoke again with records from `from` on. */
  | { readonly kind: 'retry'; readonly from: number; readonly retries: number }
  /** Deliver records before `at` and from `at` on as two batches, keeping the retry count. */
  | { readonly kind: 'bisect'; readonly at: number }
  /** Send records from `from` on to the on-failure destination, then checkpoint through the end. */
  | { readonly kind: 'give-up'; readonly from: number };

/**
 * Reads a handler's outcome the way Lambda does with ReportBatchItemFailures: no or an empty
 * `batchItemFailures` is success; an identifier that is empty, not a string or not in the batch
 * fails the whole batch; otherwise the lowest failed sequence number wins.
 * Example: `judge({ ok: true, response: { batchItemFailures: [{ itemIdentifier: '2' }] } }, ['1','2','3'], true)`
 * is `{ kind: 'partial', firstFailed: 1 }`.
 */
export function judge(
  outcome: InvokeOutcome<unknown>,
  sequenceNumbers: readonly string[],
  reportBatchItemFailures: boolean,
): Verdict {
  if (!outcome.ok) return { kind: 'failure', reason: describeError(outcome.error) };
  if (!reportBatchItemFailures) return { kind: 'success' };
  const failures = (outcome.response as { batchItemFailures?: unknown } | null | undefined)
    ?.batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure', reason: 'batchItemFailures is not a list' };
  let firstFailed = Number.POSITIVE_INFINITY;
  for (const failure of failures as unknown[]) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index = typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1;
    if (index < 0) return { kind: 'failure', reason: `invalid itemIdentifier ${JSON.stringify(id)}` };
    firstFailed = Math.min(firstFailed, index);
  }
  return firstFailed === Number.POSITIVE_INFINITY ? { kind: 'success' } : { kind: 'partial', firstFailed };
}

/** The next step for a batch of `size` records that has already been retried `retries` times. */
export function decide(verdict: Verdict, size: number, retries: number, policy: RetryPolicy): Decision {
  if (verdict.kind === 'success') return { kind: 'done' };
  if (verdict.kind === 'failure' && policy.bisectBatchOnError && size > 1)
    return { kind: 'bisect', at: Math.ceil(size / 2) };
  const from = verdict.kind === 'partial' ? verdict.firstFailed : 0;
  if (policy.maximumRetryAttempts >= 0 && retries >= policy.maximumRetryAttempts)
    return { kind: 'give-up', from };
  return { kind: 'retry', from, retries: retries + 1 };
}

/** How many leading records are older than the policy allows (arrival times ascend in a shard). */
export function expiredCount(arrivalsMs: readonly number[], nowMs: number, maxAgeSeconds: number): number {
  if (maxAgeSeconds < 0) return 0;
  const oldest = nowMs - maxAgeSeconds * 1000;
  let count = 0;
  while (count < arrivalsMs.length && (arrivalsMs[count] as number) < oldest) count++;
  return count;
}

/** A one-line description of whatever a handler threw. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `Non-error thrown: ${String(error)}`;
}
