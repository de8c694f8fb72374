/** Invokes a handler the way Lambda does: fresh context, a timeout, and errors as outcomes. */
import type { Context } from 'aws-lambda';
import { lambdaContext, type LambdaContextOptions } from './lambda-context.ts';

/** Any async Lambda handler; the callback style is not supported. */
export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

export type InvokeOutcome<R> =
  | { readonly ok: true; readonly response: R; readonly requestId: string }
  | { readonly ok: false; readonly error: unknown; readonly requestId: string };

export class LambdaTimeoutError extends Error {
  constructor(requestId: string, timeoutMs: number) {
    super(`${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
    this.name = 'LambdaTimeoutError';
  }
}

/** `await invoke(handler, event, { functionName: 'f', region: 'us-east-1', timeoutMs: 60_000 })` */
export async function invoke<E, R>(
  handler: LambdaHandler<E, R>,
  event: E,
  options: LambdaContextOptions,
): Promise<InvokeOutcome<R>> {
  const context = lambdaContext(options);
  const requestId = context.awsRequestId;
  let timer: NodeJS.Timeout | undefined;
  // Lambda freezes a timed-out invocation; here it runs on, but its result is ignored.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(requestId, options.timeoutMs)), options.timeoutMs);
  });
  try {
    // Lambda delivers a serialized event, so handlers must not rely on sharing objects with us.
    const delivered = structuredClone(event);
    const response = await Promise.race([handler(delivered, context), timeout]);
    return { ok: true, response, requestId };
  } catch (error) {
    return { ok: false, error, requestId };
  } finally {
    clearTimeout(timer);
  }
}
