/** Imports a Lambda handler from functions/ lazily, so a missing or misconfigured one is reported, not fatal. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LambdaHandler } from './invoke.ts';

export type LoadedHandler<E> =
  { readonly ok: true; readonly handler: LambdaHandler<E> } | { readonly ok: false; readonly reason: string };

/** `await loadHandler<S3Event>('forward-alb-logs')`: functions/forward-alb-logs.ts's `handler`. */
export async function loadHandler<E>(name: string): Promise<LoadedHandler<E>> {
  const file = fileURLToPath(new URL(`../../functions/${name}.ts`, import.meta.url));
  if (!existsSync(file)) return { ok: false, reason: `functions/${name}.ts does not exist yet` };
  try {
    // Importing runs the handler's cold start (configuration, clients), as Lambda's init phase does.
    const module = (await import(`#functions/${name}`)) as { handler?: unknown };
    if (typeof module.handler !== 'function')
      return { ok: false, reason: `functions/${name}.ts exports no handler function` };
    return { ok: true, handler: module.handler as LambdaHandler<E> };
  } catch (error) {
    return { ok: false, reason: `its cold start failed: ${(error as Error).message}` };
  }
}
