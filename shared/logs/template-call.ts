/**
 * Turns the variables of a template-matched line (log-template.ts, nginx variable names) into an
 * API call. Values are dropped at parse time like the ALB and API Gateway parsers do: only query
 * names, sensitive-data types and the auth scheme survive.
 */
import type { ApiCall, CallSource } from '#events/api-call.schema';
import { hostWithoutPort, splitRequestTarget } from '#shared/url/url-parts';
import { clfTime } from './apigw-clf.ts';
import { inferAuthScheme } from './auth-scheme.ts';
import { fail, type ParseOptions, type ParseOutcome } from './parse-outcome.ts';

const METHOD = /^[A-Z][A-Z0-9_-]{0,19}$/;
const IP = /^[0-9a-fA-F:.]{2,64}$/;

/** `-` and empty mean "not logged" in nginx, Apache and Envoy alike. */
function present(value: string | undefined): string | undefined {
  return value === undefined || value === '-' || value === '' ? undefined : value;
}

export function callFromFields(
  v: ReadonlyMap<string, string>,
  source: CallSource,
  options?: ParseOptions,
): ParseOutcome {
  const get = (...names: string[]) => {
    for (const name of names) {
      const value = present(v.get(name));
      if (value !== undefined) return value;
    }
    return undefined;
  };
  let method = get('request_method');
  let target = get('request_uri', 'uri');
  let protocol = get('server_protocol');
  const request = get('request');
  if (request !== undefined) {
    const first = request.indexOf(' ');
    const last = request.lastIndexOf(' ');
    if (first <= 0) return fail('request is not "METHOD URL PROTOCOL"');
    method = request.slice(0, first);
    target = last > first ? request.slice(first + 1, last) : request.slice(first + 1);
    if (last > first) protocol = request.slice(last + 1);
  }
  if (method === undefined || !METHOD.test(method))
    return fail('no valid HTTP method (failed or malformed request)');
  if (target === undefined) return fail('no request path');
  const classify = options?.classify !== false;
  const url = splitRequestTarget(target, classify);
  if (url === undefined) return fail('request target is not absolute or a path');
  const time = timeOf(v);
  if (time === undefined) return fail('no valid time ($time_local, $time_iso8601 or $msec)');
  const statusText = v.get('status');
  const status = statusText === '-' ? 0 : Number(statusText);
  if (!Number.isInteger(status) || status < 0 || status > 999) return fail('status is not a number');
  const logged = get('host', 'http_host', 'server_name');
  const host =
    url.host ??
    (logged === undefined ? undefined : hostWithoutPort(logged) || undefined) ??
    options?.defaultHost;
  if (host === undefined) return fail('line names no host and no default host was given (?host=)');

  const call: ApiCall = {
    source,
    time,
    host: host.slice(0, 255),
    method,
    path: url.path.slice(0, 8192),
    status,
  };
  if (url.queryKeys !== undefined) call.queryKeys = url.queryKeys;
  if (url.sensitive !== undefined) call.sensitive = url.sensitive;
  if (protocol !== undefined) call.protocol = protocol.slice(0, 32);
  const client = firstForwarded(get('http_x_forwarded_for')) ?? get('remote_addr');
  if (client !== undefined && IP.test(client)) call.clientIp = client;
  setCount(call, 'bytesOut', get('body_bytes_sent', 'bytes_sent'));
  setCount(call, 'bytesIn', get('request_length', 'bytes_received'));
  setMs(call, 'latencyMs', get('duration_ms'), 1);
  setMs(call, 'latencyMs', get('request_time'), 1000);
  setMs(call, 'backendLatencyMs', get('upstream_time_ms'), 1);
  setMs(call, 'backendLatencyMs', get('upstream_response_time')?.split(/[,:]/).at(-1)?.trim(), 1000);
  const userAgent = get('http_user_agent');
  if (userAgent !== undefined) call.userAgent = userAgent.slice(0, 1024);
  const requestId = get('request_id');
  if (requestId !== undefined) call.requestId = requestId.slice(0, 256);
  const flags = get('response_flags');
  if (flags !== undefined) call.errorReason = flags.slice(0, 256);
  const scheme = get('scheme');
  if (scheme !== undefined) call.transport = scheme.slice(0, 16);
  const tls = get('ssl_protocol');
  if (tls !== undefined) call.tlsProtocol = tls.slice(0, 32);
  const cipher = get('ssl_cipher');
  if (cipher !== undefined) call.tlsCipher = cipher.slice(0, 128);
  // $remote_user is set only by HTTP Basic authentication; nothing else about auth is logged.
  if (get('remote_user') !== undefined) call.authScheme = 'basic';
  const auth = classify ? inferAuthScheme(call, url.queryKeys) : 'unknown';
  if (auth !== 'unknown') call.authScheme = auth;
  return { ok: true, call };
}

function timeOf(v: ReadonlyMap<string, string>): string | undefined {
  const local = present(v.get('time_local'));
  if (local !== undefined) return clfTime(local);
  const iso = present(v.get('time_iso8601'));
  if (iso !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(iso)) return undefined;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
  }
  const msec = Number(present(v.get('msec')) ?? 'NaN');
  return Number.isFinite(msec) && msec > 0 && msec < 1e11
    ? new Date(Math.round(msec * 1000)).toISOString()
    : undefined;
}

/** The client in `X-Forwarded-For: client, proxy1, proxy2`. */
function firstForwarded(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first === undefined || first === '' || first === 'unknown' ? undefined : first;
}

function setCount(call: ApiCall, key: 'bytesOut' | 'bytesIn', text: string | undefined): void {
  const n = Number(text);
  if (text !== undefined && Number.isSafeInteger(n) && n >= 0) call[key] = n;
}

function setMs(
  call: ApiCall,
  key: 'latencyMs' | 'backendLatencyMs',
  text: string | undefined,
  scale: number,
): void {
  const n = Number(text);
  if (text !== undefined && text !== '' && Number.isFinite(n) && n >= 0)
    call[key] = Math.round(n * scale * 1000) / 1000;
}
