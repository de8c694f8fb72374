/**
 * ALB access logs (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html):
 * space-separated fields in a documented order; AWS appends new fields at the end over time, so
 * unknown trailing fields are ignored. Types: http, https, h2, grpcs, ws, wss.
 */
import type { ApiCall } from '#events/api-call.schema';
import { inferAuthScheme } from './auth-scheme.ts';
import { FieldScanner } from './field-scanner.ts';
import { fail, type ParseOptions, type ParseOutcome } from './parse-outcome.ts';
import { splitRequestTarget } from '#shared/url/url-parts';

const TYPES = ['http', 'https', 'h2', 'grpcs', 'ws', 'wss'] as const;
const METHOD = /^[A-Z][A-Z0-9_-]{0,19}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const scanner = new FieldScanner();

/**
 * Parses one ALB access-log line: `parseAlbLine('https 2024-05-01T12:00:00.123456Z app/lb/1 ...')`.
 * Fields are read in place (`FieldScanner` offsets): numbers without copying them, strings only
 * as far as the call keeps them, so a line's cost follows what the call holds, not the line's length.
 */
export function parseAlbLine(line: string, options?: ParseOptions): ParseOutcome {
  const s = scanner;
  s.reset(line);
  const hasType = s.advance();
  const type = hasType ? typeOf(s) : undefined;
  if (type === undefined)
    return fail(`unknown ALB request type ${quote(hasType ? s.text.slice(s.start, s.end) : undefined)}`);
  const time = s.advance() ? normalizeTime(s.text, s.start, s.end) : undefined;
  if (time === undefined) return fail('time is not an ISO-8601 UTC timestamp');
  const elb = s.next();
  const client = s.next();
  s.skip(); // target:port
  const requestTime = seconds(s);
  const targetTime = seconds(s);
  const responseTime = seconds(s);
  const status = statusCode(s);
  const targetStatus = statusCode(s);
  const bytesIn = count(s);
  const bytesOut = count(s);
  const hasRequest = s.advance();
  if (!hasRequest || elb === undefined || client === undefined) return fail('line has too few fields');
  if (status === undefined || targetStatus === undefined) return fail('status code is not a number or -');
  if (bytesIn === undefined || bytesOut === undefined) return fail('byte count is not a number');
  // The request "METHOD URL PROTOCOL", read where it lies (the line, or its unescaped copy).
  const { text, start, end } = s;
  const space = text.indexOf(' ', start);
  const lastSpace = text.lastIndexOf(' ', end - 1);
  if (space <= start || space >= end || lastSpace <= space)
    return fail('request is not "METHOD URL PROTOCOL"');
  const method = text.slice(start, space);
  if (!METHOD.test(method))
    return fail(`request method ${quote(method)} is not valid (failed or malformed request)`);
  const classify = options?.classify !== false;
  const url = splitRequestTarget(text.slice(space + 1, lastSpace), classify);
  if (url === undefined) return fail('request URL is not absolute or a path');

  const call: ApiCall = {
    source: 'alb',
    time,
    host: '',
    method,
    path: url.path,
    status,
    bytesIn,
    bytesOut,
    // Bounded like every stored string: a line with a missing field shifts the others into these.
    protocol: text.slice(lastSpace + 1, Math.min(end, lastSpace + 33)),
    transport: type,
    apiId: elb.length > 256 ? elb.slice(0, 256) : elb,
  };
  if (url.queryKeys !== undefined) call.queryKeys = url.queryKeys;
  if (url.sensitive !== undefined) call.sensitive = url.sensitive;
  if (targetStatus > 0) call.targetStatus = targetStatus;
  if (requestTime !== undefined && targetTime !== undefined && responseTime !== undefined) {
    call.latencyMs = round((requestTime + targetTime + responseTime) * 1000);
  }
  if (targetTime !== undefined) call.backendLatencyMs = round(targetTime * 1000);
  const colon = client.lastIndexOf(':');
  call.clientIp = stripBrackets(colon > 0 ? client.slice(0, colon) : client).slice(0, 64);

  const userAgent = s.nextPresent(1024);
  if (userAgent !== undefined) call.userAgent = userAgent;
  const cipher = s.nextPresent(128);
  if (cipher !== undefined) call.tlsCipher = cipher;
  const tlsProtocol = s.nextPresent(32);
  if (tlsProtocol !== undefined) call.tlsProtocol = tlsProtocol;
  s.skip(); // target_group_arn
  const traceId = s.nextPresent(256);
  if (traceId !== undefined) call.traceId = traceId;
  // domain_name (SNI) names the host only when the request line does not.
  const domain = url.host === undefined ? s.nextPresent(Infinity) : (s.skip(), undefined);
  s.skip(); // chosen_cert_arn
  s.skip(); // matched_rule_priority
  s.skip(); // request_creation_time
  const actions = s.nextPresent(Infinity);
  if (actions !== undefined) call.actions = actions.split(',', 20).map((a) => a.slice(0, 64));
  s.skip(); // redirect_url
  const errorReason = s.nextPresent(256);
  if (errorReason !== undefined) call.errorReason = errorReason;

  call.host =
    url.host ?? (domain === undefined ? undefined : domain.toLowerCase()) ?? options?.defaultHost ?? '';
  if (call.host === '') return fail('request names no host and no default host was given');
  // ALB logs show its own authenticate action and URL credentials, never headers: the rest is unknown.
  const auth = classify ? inferAuthScheme(call, url.queryKeys) : 'unknown';
  if (auth !== 'unknown') call.authScheme = auth;
  return { ok: true, call };
}

/** `2024-05-01T12:00:00.123456Z` -> `2024-05-01T12:00:00.123Z`, by slicing when the shape allows. */
function normalizeTime(line: string, at: number, end: number): string | undefined {
  const n = end - at;
  if (
    n >= 24 &&
    line.charCodeAt(end - 1) === 90 &&
    // YYYY-MM-DDTHH:MM:SS.fff: separators and digits where ALB always writes them.
    isDigits(line, at, at + 4) &&
    line.charCodeAt(at + 4) === 45 &&
    isDigits(line, at + 5, at + 7) &&
    line.charCodeAt(at + 7) === 45 &&
    isDigits(line, at + 8, at + 10) &&
    line.charCodeAt(at + 10) === 84 &&
    isDigits(line, at + 11, at + 13) &&
    line.charCodeAt(at + 13) === 58 &&
    isDigits(line, at + 14, at + 16) &&
    line.charCodeAt(at + 16) === 58 &&
    isDigits(line, at + 17, at + 19) &&
    line.charCodeAt(at + 19) === 46 &&
    isDigits(line, at + 20, at + 23) &&
    twoDigits(line, at + 5) >= 1 &&
    twoDigits(line, at + 5) <= 12 &&
    twoDigits(line, at + 8) >= 1 &&
    twoDigits(line, at + 8) <= 31 &&
    twoDigits(line, at + 11) < 24 &&
    twoDigits(line, at + 14) < 60 &&
    twoDigits(line, at + 17) < 60
  ) {
    return line.slice(at, at + 23) + 'Z';
  }
  const text = line.slice(at, end);
  if (!ISO_TIME.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;
}

function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The request type the last field names, as one of TYPES (no copy of the field). */
function typeOf(s: FieldScanner): (typeof TYPES)[number] | undefined {
  for (const type of TYPES) if (s.is(type)) return type;
  return undefined;
}

/** A duration field in seconds; `-1` (ALB: no response) and `-` are unknown. */
function seconds(s: FieldScanner): number | undefined {
  if (!s.advance() || s.is('-1') || s.is('-')) return undefined;
  const n = s.number();
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function statusCode(s: FieldScanner): number | undefined {
  if (!s.advance()) return undefined;
  if (s.is('-')) return 0;
  const n = s.number();
  return Number.isInteger(n) && n >= 0 && n <= 999 ? n : undefined;
}

function count(s: FieldScanner): number | undefined {
  if (!s.advance()) return undefined;
  if (s.is('-')) return 0;
  const n = s.number();
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function stripBrackets(ip: string): string {
  return ip.charCodeAt(0) === 91 && ip.endsWith(']') ? ip.slice(1, -1) : ip.slice(0, 64);
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function quote(text: string | undefined): string {
  return JSON.stringify((text ?? '').slice(0, 40));
}
