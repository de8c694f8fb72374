/**
 * One event to one integration, with retries: exponential backoff with full jitter, `Retry-After`
 * honoured, and a deadline (the invocation's time left). 429, 408 and 5xx answers and network
 * errors are retried; other answers are final (PagerDuty's 400 means the event is malformed); 410
 * asks us to stop, so the integration is disabled; refused addresses are never retried.
 */
import { checkDestination, UnsafeDestinationError, type DestinationPolicy } from './destination.ts';
import type { ActiveIntegration } from './integrations.ts';
import type { PlannedEvent } from './alert-events.ts';
import { alertRequest } from './alert-request.ts';
import { RefusedAddressError, type AlertResponse, type Transport } from './transport.ts';

export interface DeliveryOptions {
  readonly transport: Transport;
  /** Checked again before sending: what was saved must still be allowed where it is sent from. */
  readonly policy: DestinationPolicy;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** [0, 1): the jitter. */
  readonly random: () => number;
  /** Epoch ms after which no attempt starts (the invocation must finish and record outcomes). */
  readonly deadline: number;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Longest Retry-After waited for; a longer one gives up (dead letter) rather than stall the stream. */
  readonly maxRetryAfterMs?: number;
  readonly timeoutMs?: number;
}

export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly attempts: number; readonly status: number }
  | {
      readonly kind: 'failed';
      readonly attempts: number;
      readonly status?: number;
      readonly reason: string;
      /** The receiver said it is gone (410): stop sending to this integration. */
      readonly disable: boolean;
    };

const DEFAULTS = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  timeoutMs: 10_000,
};

type Verdict =
  | { retry: false; outcome: DeliveryOutcome }
  | { retry: true; reason: string; retryAfterMs?: number; status?: number };

export async function deliver(
  integration: ActiveIntegration,
  event: PlannedEvent,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  const o = { ...DEFAULTS, ...options };
  try {
    checkDestination(integration.type, integration.url, o.policy);
  } catch (error) {
    return {
      kind: 'failed',
      attempts: 0,
      reason: (error as Error).message,
      disable: false,
    };
  }
  for (let attempt = 1; ; attempt++) {
    const request = alertRequest(integration, event, o.now());
    let verdict: Verdict;
    try {
      const response = await o.transport({ ...request, timeoutMs: o.timeoutMs });
      verdict = judge(integration, response, attempt, o.now().getTime());
    } catch (error) {
      if (error instanceof RefusedAddressError || error instanceof UnsafeDestinationError)
        return {
          kind: 'failed',
          attempts: attempt,
          reason:
            error instanceof UnsafeDestinationError ? error.message : `unsafe destination: ${error.message}`,
          disable: false,
        };
      verdict = { retry: true, reason: `network error: ${(error as Error).message}` };
    }
    if (!verdict.retry) return verdict.outcome;
    const failed = (reason: string): DeliveryOutcome => ({
      kind: 'failed',
      attempts: attempt,
      ...(verdict.status !== undefined && { status: verdict.status }),
      reason,
      disable: false,
    });
    if (attempt >= o.maxAttempts) return failed(`${verdict.reason}; gave up after ${attempt} attempts`);
    const backoff = o.random() * Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
    if (verdict.retryAfterMs !== undefined && verdict.retryAfterMs > o.maxRetryAfterMs)
      return failed(
        `${verdict.reason}; Retry-After ${Math.ceil(verdict.retryAfterMs / 1000)} s is beyond the retry budget`,
      );
    const wait = Math.max(backoff, verdict.retryAfterMs ?? 0);
    if (o.now().getTime() + wait >= o.deadline)
      return failed(`${verdict.reason}; out of time after ${attempt} attempts`);
    await o.sleep(wait);
  }
}

function judge(
  integration: ActiveIntegration,
  response: AlertResponse,
  attempt: number,
  nowMs: number,
): Verdict {
  const { status } = response;
  const detail = response.body.trim().slice(0, 200);
  const final = (reason: string, disable = false): Verdict => ({
    retry: false,
    outcome: { kind: 'failed', attempts: attempt, status, reason, disable },
  });
  if (status >= 200 && status < 300)
    return { retry: false, outcome: { kind: 'delivered', attempts: attempt, status } };
  if (status === 410) return final('410 Gone: the receiver asked to stop; the integration is disabled', true);
  if (status === 429 || status === 408 || status >= 500) {
    const retryAfterMs = retryAfter(response.headers['retry-after'], nowMs);
    return {
      retry: true,
      status,
      reason: `${status}${detail === '' ? '' : ` ${detail}`}`,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
    };
  }
  if (status >= 300 && status < 400) return final(`${status}: redirects are not followed`);
  const who =
    integration.type === 'pagerduty' && status === 400 ? 'PagerDuty rejected the event' : 'rejected';
  return final(`${status} ${who}${detail === '' ? '' : `: ${detail}`}`);
}

/** `Retry-After` in ms: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
