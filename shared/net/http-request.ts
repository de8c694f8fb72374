/**
 * HTTP(S) requests that only ever reach vetted addresses: the URL's host is resolved once through
 * the injected lookup (or pinned by the caller), every address is vetted, the connection goes to
 * that address with the host name in SNI and Host, and every redirect is vetted the same way before
 * it is followed. Bodies are capped and the whole exchange has a deadline. Scanner probes and
 * webhook deliveries both go through `httpRequest`.
 */
import http from 'node:http';
import type net from 'node:net';
import tls from 'node:tls';
import type { AddressPolicy } from './address-policy.ts';
import { connectVetted, hostForHeader, type TlsSettings } from './connect.ts';
import { InvalidTargetError, NetTimeoutError, RedirectRefusedError } from './errors.ts';
import { readCapped } from './read-capped.ts';
import { nextRequest, type PendingRequest } from './redirects.ts';
import { parseTargetUrl, urlHost } from './target-url.ts';
import { resolveVetted, vetPinned, type LookupAddresses, type VettedAddress } from './resolve.ts';
import { SURVEYOR_USER_AGENT } from './user-agent.ts';
import type { VettedAgent, VettedRequestTarget } from './vetted-agent.ts';

export interface HttpRequestOptions extends AddressPolicy {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** How host names resolve; the system resolver by default. */
  readonly lookup?: LookupAddresses;
  /** Dial this address for the URL's host instead of resolving it (curl's `--resolve`); still vetted. */
  readonly address?: string;
  /** Deadline for the whole exchange, redirects included; 10 s by default. */
  readonly timeoutMs?: number;
  /** Connect and TLS handshake per hop; 5 s by default (never more than the deadline left). */
  readonly connectTimeoutMs?: number;
  /** Body bytes kept; more is not read and the response says `truncated`. 1 MiB by default. */
  readonly maxBodyBytes?: number;
  /** `manual` (default) returns 3xx as they are; `follow` follows up to `maxRedirects`; `error` throws. */
  readonly redirect?: 'manual' | 'follow' | 'error';
  readonly maxRedirects?: number;
  /** Follow an https URL's redirect to plain http; refused by default. */
  readonly allowDowngrade?: boolean;
  readonly tls?: TlsSettings;
  readonly signal?: AbortSignal;
  /** Reuse connections through this keep-alive pool (every new one is still vetted). */
  readonly agent?: VettedAgent;
}

export interface HttpResponse {
  /** The URL that answered (after redirects). */
  readonly url: string;
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly truncated: boolean;
  /** The vetted address that answered. */
  readonly address: string;
  /** URLs redirected from, in order. */
  readonly redirects: readonly string[];
  /** For https: what the handshake showed (certificate problems surface here when not rejected). */
  readonly tls?: { readonly protocol: string | null; readonly authorized: boolean; readonly error?: string };
}

const DEFAULTS = { timeoutMs: 10_000, connectTimeoutMs: 5000, maxBodyBytes: 1 << 20, maxRedirects: 5 };

/**
 * @example await httpRequest('https://hooks.example.com/in', { method: 'POST', body, redirect: 'error' })
 * Throws `InvalidTargetError`, `UnsafeTargetError`, `HostNotFoundError`, `NetTimeoutError`,
 * `RedirectRefusedError`, or the socket's error.
 */
export async function httpRequest(
  url: string | URL,
  options: HttpRequestOptions = {},
): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const deadline = Date.now() + timeoutMs;
  const first = parseTargetUrl(url);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  // Addresses vetted in this chain, by host: a redirect back to a host reuses them (no new lookup).
  const pinned = new Map<string, readonly VettedAddress[]>();
  if (options.address !== undefined) {
    pinned.set(urlHost(first), [vetPinned(urlHost(first), options.address, options)]);
  }
  const redirects: string[] = [];
  let pending: PendingRequest = {
    url: first,
    method: (options.method ?? 'GET').toUpperCase(),
    headers: options.headers ?? {},
    body: options.body,
  };
  try {
    for (;;) {
      const response = await exchange(pending, options, pinned, signal, deadline, redirects);
      const location = response.headers.location;
      const isRedirect = [301, 302, 303, 307, 308].includes(response.status) && location !== undefined;
      if (!isRedirect || (options.redirect ?? 'manual') === 'manual') return response;
      const from = pending.url.href;
      if (options.redirect === 'error')
        throw new RedirectRefusedError(from, location, 'redirects not allowed');
      if (redirects.length >= (options.maxRedirects ?? DEFAULTS.maxRedirects)) {
        throw new RedirectRefusedError(from, location, 'too many redirects');
      }
      redirects.push(from);
      pending = nextRequest(pending, response.status, location, options.allowDowngrade === true);
    }
  } catch (error) {
    if (timeout.aborted && options.signal?.aborted !== true) throw new NetTimeoutError(first.host, timeoutMs);
    throw error;
  }
}

async function exchange(
  request: PendingRequest,
  options: HttpRequestOptions,
  pinned: Map<string, readonly VettedAddress[]>,
  signal: AbortSignal,
  deadline: number,
  redirects: readonly string[],
): Promise<HttpResponse> {
  const { url } = request;
  const host = urlHost(url);
  let addresses = pinned.get(host);
  if (addresses === undefined) {
    addresses = await resolveVetted(host, options);
    pinned.set(host, addresses);
  }
  const https = url.protocol === 'https:';
  const port = url.port === '' ? (https ? 443 : 80) : Number(url.port);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers: Record<string, string> = {
    'user-agent': SURVEYOR_USER_AGENT,
    ...lowerCased(request.headers),
    host: hostForHeader(host, port, https ? 443 : 80),
    ...(body !== undefined && { 'content-length': String(body.length) }),
  };
  const base = { method: request.method, path: `${url.pathname}${url.search}`, headers, signal };
  let requestOptions: http.RequestOptions;
  if (options.agent !== undefined) {
    // A pooled connection: the agent dials the first vetted address through connectVetted.
    const target: VettedRequestTarget = {
      vettedHost: host,
      host: addresses[0]!.address,
      port,
      ...(https && { vettedTls: { ...options.tls, ALPNProtocols: ['http/1.1'] } }),
    };
    requestOptions = { ...base, ...target, agent: options.agent } as http.RequestOptions;
  } else {
    const socket = await connectFirst(host, addresses, port, https, options, signal, deadline);
    requestOptions = { ...base, createConnection: () => socket };
  }
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.request(requestOptions);
    req.once('response', resolve);
    req.once('error', reject);
    req.end(body);
  });
  const socket = response.socket;
  const address = socket.remoteAddress ?? '';
  const tlsInfo =
    socket instanceof tls.TLSSocket
      ? {
          protocol: socket.getProtocol(),
          authorized: socket.authorized,
          ...(socket.authorizationError !== null && { error: String(socket.authorizationError) }),
        }
      : undefined;
  const read = await readCapped(response, options.maxBodyBytes ?? DEFAULTS.maxBodyBytes, signal);
  // Without an agent the connection was this request's alone; with one, the agent keeps it alive.
  if (options.agent === undefined) socket.destroy();
  return {
    url: url.href,
    status: response.statusCode ?? 0,
    headers: response.headers,
    body: read.body,
    truncated: read.truncated,
    address,
    redirects: [...redirects],
    ...(tlsInfo !== undefined && { tls: tlsInfo }),
  };
}

/** Tries the vetted addresses in order until one accepts the connection. */
async function connectFirst(
  host: string,
  addresses: readonly VettedAddress[],
  port: number,
  https: boolean,
  options: HttpRequestOptions,
  signal: AbortSignal,
  deadline: number,
): Promise<net.Socket> {
  let lastError: unknown = new InvalidTargetError(`No address for ${host}`);
  for (const { address } of addresses) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    try {
      return await connectVetted(
        { host, address, port },
        {
          allowLoopback: options.allowLoopback,
          timeoutMs: Math.min(options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs, left),
          signal,
          ...(https && { tls: { ...options.tls, ALPNProtocols: ['http/1.1'] } }),
        },
      );
    } catch (error) {
      lastError = error;
      if (signal.aborted) break;
    }
  }
  throw lastError;
}

function lowerCased(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
