/** The next request of a redirect chain, as browsers and fetch build it (RFC 9110 section 15.4). */
import { RedirectRefusedError } from './errors.ts';
import { parseTargetUrl } from './target-url.ts';

export interface PendingRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
}

// Credentials are for the origin they were given to, never for wherever it redirects.
const ORIGIN_BOUND = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * 303 (and 301/302 after a POST) turn into a body-less GET; 307/308 repeat the request. Headers that
 * carry credentials are dropped when the origin changes; https -> http is refused unless allowed.
 */
export function nextRequest(
  current: PendingRequest,
  status: number,
  location: string,
  allowDowngrade: boolean,
): PendingRequest {
  let url: URL;
  try {
    url = parseTargetUrl(new URL(location, current.url));
  } catch (cause) {
    throw new RedirectRefusedError(current.url.href, location, (cause as Error).message);
  }
  if (current.url.protocol === 'https:' && url.protocol === 'http:' && !allowDowngrade) {
    throw new RedirectRefusedError(current.url.href, url.href, 'https to http downgrade');
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && current.method === 'POST');
  const sameOrigin = url.origin === current.url.origin;
  const headers = Object.fromEntries(
    Object.entries(current.headers).filter(([name]) => {
      const lower = name.toLowerCase();
      if (!sameOrigin && ORIGIN_BOUND.has(lower)) return false;
      return !(toGet && (lower === 'content-type' || lower === 'content-length'));
    }),
  );
  return {
    url,
    method: toGet && current.method !== 'HEAD' ? 'GET' : current.method,
    headers,
    body: toGet ? undefined : current.body,
  };
}
