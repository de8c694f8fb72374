/** URLs Surveyor may request: http or https, a host, a valid port, no credentials in the URL. */
import { InvalidTargetError } from './errors.ts';
import { normalizeHostName } from './resolve.ts';

/**
 * Parses and checks a URL before anything is resolved; throws `InvalidTargetError` naming the
 * problem (the host must be a valid name or IP literal).
 * @example parseTargetUrl('ftp://x') throws 'Only http and https URLs ...'
 */
export function parseTargetUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch (cause) {
    throw new InvalidTargetError(`Invalid URL ${JSON.stringify(String(input))}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidTargetError(`Only http and https URLs can be requested, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidTargetError('Credentials in a URL are refused; send them in a header instead');
  }
  // WHATWG parsing already turned `http://2130706433/` into `127.0.0.1`; brackets stay on IPv6.
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  normalizeHostName(host);
  return url;
}

/** The URL's host as resolvers and certificates see it: no brackets around IPv6. */
export function urlHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}
