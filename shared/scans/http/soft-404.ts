/**
 * Soft-404 baseline: what the service answers for paths that cannot exist. A probe whose answer looks
 * the same (status and body, with the requested path taken out, since many servers echo it) says
 * nothing about the probed file, so servers that answer 200 to everything raise nothing.
 */
import { randomBytes } from 'node:crypto';
import type { HttpResponse } from '#shared/net/http-request';
import type { ScanSettings } from '../scan-settings.ts';
import { bodyText, fetchPath, type Service } from './fetch-path.ts';

export interface Baseline {
  readonly answers: readonly { status: number; body: string }[];
}

/** Two random paths, one like a file and one like a directory. */
export async function takeBaseline(service: Service, settings: ScanSettings): Promise<Baseline> {
  const paths = [`/${randomBytes(8).toString('hex')}.env`, `/${randomBytes(8).toString('hex')}/`];
  const answers = await Promise.all(
    paths.map(async (path) => {
      const response = await fetchPath(service, path, settings).catch(() => undefined);
      return response === undefined
        ? undefined
        : { status: response.status, body: withoutPath(bodyText(response), path) };
    }),
  );
  return { answers: answers.filter((a) => a !== undefined) };
}

/** True when `response` to `path` is what the server says for anything: a soft 404. */
export function looksLikeBaseline(baseline: Baseline, path: string, response: HttpResponse): boolean {
  if (response.status >= 300) return true;
  const body = withoutPath(bodyText(response), path);
  return baseline.answers.some(
    (a) => a.status === response.status && (a.body === body || similarLength(a.body, body)) && a.status < 300,
  );
}

function withoutPath(body: string, path: string): string {
  const name = path.split('/').filter(Boolean).pop() ?? '';
  let out = body.split(path).join('');
  if (name !== '') out = out.split(name).join('');
  return out.replace(/[0-9a-f]{16}/g, '');
}

/** Dynamic pages (timestamps, request ids) differ a little; a real file differs a lot. */
function similarLength(a: string, b: string): boolean {
  return (
    a.length > 0 &&
    Math.abs(a.length - b.length) <= Math.max(16, a.length * 0.02) &&
    a.slice(0, 64) === b.slice(0, 64)
  );
}
