/** Imports a Lambda handler from functions/ lazily, so a missing or misconfigured one is reported, not fatal. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot, runsFromBundle } from '#local/package-root';
import type { LambdaHandler } from './invoke.ts';

export type LoadedHandler<E> =
  { readonly ok: true; readonly handler: LambdaHandler<E> } | { readonly ok: false; readonly reason: string };

/**
 * `await loadHandler<S3Event>('forward-alb-logs')`: functions/forward-alb-logs.ts's `handler`, or its
 * compiled twin in dist/functions/ when the caller itself runs from the CLI bundle (plain Node cannot
 * import the TypeScript source).
 */
export async function loadHandler<E>(name: string): Promise<LoadedHandler<E>> {
  const root = packageRoot(import.meta.url);
  const source = join(root, 'functions', `${name}.ts`);
  if (!existsSync(source)) return { ok: false, reason: `functions/${name}.ts does not exist yet` };
  const compiled = join(root, 'dist', 'functions', `${name}.js`);
  if (runsFromBundle(import.meta.url) && !existsSync(compiled))
    return { ok: false, reason: `dist/functions/${name}.js is missing: rebuild with \`npm run build\`` };
  try {
    // Importing runs the handler's cold start (configuration, clients), as Lambda's init phase does.
    const module = (
      runsFromBundle(import.meta.url)
        ? await import(pathToFileURL(compiled).href)
        : await import(`#functions/${name}`)
    ) as { handler?: unknown };
    if (typeof module.handler !== 'function')
      return { ok: false, reason: `functions/${name}.ts exports no handler function` };
    return { ok: true, handler: module.handler as LambdaHandler<E> };
  } catch (error) {
    return { ok: false, reason: `its cold start failed: ${(error as Error).message}` };
  }
}
