/**
 * JSON-lines access logs with configurable field names (Apigee, service meshes, custom apps): one
 * object per line; each of method, path, status, host, client, timestamp and latency is read from
 * the configured field (a dotted path for nested objects) or, unset, from common names.
 */
import type { ApiCall } from '#events/api-call.schema';
import { hostWithoutPort, splitRequestTarget } from '#shared/url/url-parts';
import { clfTime } from './apigw-clf.ts';
import { inferAuthScheme } from './auth-scheme.ts';
import { fail, type JsonFieldNames, type ParseOptions, type ParseOutcome } from './parse-outcome.ts';

type Field = Exclude<keyof JsonFieldNames, 'latencyUnit'>;

/** Names tried when a field is not configured, in order. */
export const DEFAULT_JSON_FIELDS: Readonly<Record<Field, readonly string[]>> = {
  method: ['method', 'request_method', 'http_method', 'httpMethod', 'verb', 'request.method', 'http.method'],
  path: [
    'path',
    'uri',
    'request_uri',
    'url',
    'request_path',
    'request.path',
    'request.url',
    'http.path',
    'http.url',
  ],
  status: ['status', 'status_code', 'statusCode', 'response_code', 'response.status', 'http.status_code'],
  host: ['host', 'hostname', 'authority', 'server_name', 'domain', 'request.host', 'http.host'],
  client: ['client', 'client_ip', 'clientIp', 'remote_addr', 'remote_ip', 'ip', 'source_ip', 'client.ip'],
  timestamp: ['timestamp', 'time', '@timestamp', 'ts', 'start_time', 'time_iso8601', 'date'],
  latency: ['latency_ms', 'latency', 'duration_ms', 'duration', 'response_time', 'elapsed_ms'],
};

const METHOD = /^[A-Z][A-Z0-9_-]{0,19}$/;
const IP = /^[0-9a-fA-F:.]{2,64}$/;

export function parseJsonLine(line: string, options?: ParseOptions): ParseOutcome {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return fail('line is not valid JSON');
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return fail('JSON line is not an object');
  const fields = options?.jsonFields ?? {};
  const read = (field: Field): string | undefined => {
    const names = fields[field] !== undefined ? [fields[field]!] : DEFAULT_JSON_FIELDS[field];
    for (const name of names) {
      const value = lookup(record as Record<string, unknown>, name);
      if (typeof value === 'string' && value !== '' && value !== '-') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    }
    return undefined;
  };
  const method = read('method')?.toUpperCase();
  if (method === undefined || !METHOD.test(method))
    return fail(`no valid method (field ${describe(fields, 'method')})`);
  const rawPath = read('path');
  if (rawPath === undefined) return fail(`no path (field ${describe(fields, 'path')})`);
  const classify = options?.classify !== false;
  const url = splitRequestTarget(rawPath, classify);
  if (url === undefined) return fail('path is not absolute or a path');
  const status = Number(read('status') ?? 'NaN');
  if (!Number.isInteger(status) || status < 0 || status > 999)
    return fail(`status is not a number (field ${describe(fields, 'status')})`);
  const time = timeOf(read('timestamp'));
  if (time === undefined) return fail(`no valid timestamp (field ${describe(fields, 'timestamp')})`);
  const logged = read('host');
  const host =
    url.host ??
    (logged === undefined ? undefined : hostWithoutPort(logged) || undefined) ??
    options?.defaultHost;
  if (host === undefined) return fail('line names no host and no default host was given (?host=)');

  const call: ApiCall = {
    source: 'json',
    time,
    host: host.slice(0, 255),
    method,
    path: url.path.slice(0, 8192),
    status,
  };
  if (url.queryKeys !== undefined) call.queryKeys = url.queryKeys;
  if (url.sensitive !== undefined) call.sensitive = url.sensitive;
  const client = read('client');
  if (client !== undefined && IP.test(client)) call.clientIp = client;
  const latency = Number(read('latency') ?? 'NaN');
  if (Number.isFinite(latency) && latency >= 0)
    call.latencyMs = Math.round(latency * (fields.latencyUnit === 's' ? 1000 : 1) * 1000) / 1000;
  const auth = classify ? inferAuthScheme(call, url.queryKeys) : 'unknown';
  if (auth !== 'unknown') call.authScheme = auth;
  return { ok: true, call };
}

/** `lookup({ a: { b: 1 } }, 'a.b')` -> 1; a key that itself contains dots wins. */
function lookup(record: Record<string, unknown>, path: string): unknown {
  if (path in record) return record[path];
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function describe(fields: JsonFieldNames, field: Field): string {
  return fields[field] ?? DEFAULT_JSON_FIELDS[field].join('|');
}

/** Epoch seconds or milliseconds, ISO-8601 or CLF time -> ISO-8601 UTC. */
function timeOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (Number.isFinite(n) && n > 0 && n < 1e14)
    return new Date(n < 1e11 ? Math.round(n * 1000) : n).toISOString();
  const clf = clfTime(text);
  if (clf !== undefined) return clf;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
