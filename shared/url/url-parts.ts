/** Splitting a request target into host, path and query parameter names (never values). */
import { decodeOrKeep } from './decode.ts';
import { boundRawPath } from './path-segments.ts';
import { detectSensitive } from './sensitive.ts';

export interface UrlParts {
  host: string | undefined;
  path: string;
  queryKeys: string[] | undefined;
  /** Sensitive data types in the path or query values, found before the values are dropped. */
  sensitive: string[] | undefined;
}

/**
 * `http://Api.Example.com:443/a/b?x=1&y` -> host `api.example.com`, path `/a/b`, keys [x, y]. The
 * path is cut to what templating can use (`boundRawPath`): at most 33 segments and 4,096 characters.
 * `detect: false` skips sensitive-data detection (ParseOptions.classify).
 */
export function splitRequestTarget(target: string, detect = true): UrlParts | undefined {
  let host: string | undefined;
  let pathStart = 0;
  const scheme = target.indexOf('://');
  if (scheme > 0 && scheme < 8) {
    const hostStart = scheme + 3;
    let hostEnd = target.indexOf('/', hostStart);
    const queryAt = target.indexOf('?', hostStart);
    if (hostEnd < 0 || (queryAt >= 0 && queryAt < hostEnd)) hostEnd = queryAt >= 0 ? queryAt : target.length;
    // `https://:443/x` names no host: leave it to the log's other fields (ALB domain_name).
    host = hostWithoutPort(target.slice(hostStart, hostEnd)) || undefined;
    pathStart = hostEnd;
  } else if (target.charCodeAt(0) !== 47 /* / */) {
    return undefined;
  }
  const query = target.indexOf('?', pathStart);
  // Only what templating can use is kept (and looked at): a hostile 6 KB path costs what a short one does.
  const path = boundRawPath(query < 0 ? target.slice(pathStart) : target.slice(pathStart, query));
  const rawQuery = query < 0 ? undefined : target.slice(query + 1);
  const hits = detect ? detectSensitive(path, rawQuery) : [];
  return {
    host,
    path: path === '' ? '/' : path,
    queryKeys: rawQuery === undefined ? undefined : queryKeysOf(rawQuery),
    sensitive: hits.length === 0 ? undefined : [...new Set(hits.map((h) => h.type))],
  };
}

/** Lower-cased host without port or userinfo: `User@API.x.com:8443` -> `api.x.com`. */
export function hostWithoutPort(authority: string): string {
  let host = authority;
  const at = host.lastIndexOf('@');
  if (at >= 0) host = host.slice(at + 1);
  if (host.charCodeAt(0) === 91 /* [ */) {
    const close = host.indexOf(']');
    return (close > 0 ? host.slice(0, close + 1) : host).toLowerCase();
  }
  const colon = host.indexOf(':');
  return (colon >= 0 ? host.slice(0, colon) : host).toLowerCase();
}

/** Decoded names of the query parameters, first 100; values are never read. */
export function queryKeysOf(query: string): string[] {
  const keys: string[] = [];
  for (const pair of query.split('&')) {
    if (pair === '' || keys.length >= 100) continue;
    const eq = pair.indexOf('=');
    const raw = eq < 0 ? pair : pair.slice(0, eq);
    keys.push(decodeOrKeep(raw.replace(/\+/g, ' ')).slice(0, 256));
  }
  return keys;
}
