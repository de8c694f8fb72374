/**
 * The straightforward ALB parser the fast one must agree with (test only): every field copied
 * whole and unescaped, quoted fields walked character by character, numbers read by `Number`. It
 * is `shared/logs/alb.ts` and `field-scanner.ts` as they were before fields were read by offsets
 * (commit 3b5a2d7), kept so properties can compare the two on random and adversarial lines.
 */
import type { ApiCall } from '#events/api-call.schema';
import { inferAuthScheme } from '#shared/logs/auth-scheme';
import { fail, type ParseOptions, type ParseOutcome } from '#shared/logs/parse-outcome';
import { splitRequestTarget } from '#shared/url/url-parts';

/** Fields of a line, one string each, found by walking every character. */
export class ReferenceFieldScanner {
  private line = '';
  private pos = 0;

  reset(line: string): void {
    this.line = line;
    this.pos = 0;
  }

  /** The next field, unquoted and unescaped; undefined at the end or on an unterminated quote. */
  next(): string | undefined {
    const line = this.line;
    let pos = this.pos;
    while (pos < line.length && line.charCodeAt(pos) === 32) pos++;
    if (pos >= line.length) return undefined;
    if (line.charCodeAt(pos) !== 34 /* " */) {
      let end = line.indexOf(' ', pos);
      if (end < 0) end = line.length;
      this.pos = end;
      return line.slice(pos, end);
    }
    const start = pos + 1;
    let escaped = false;
    for (let i = start; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92 /* \ */) {
        escaped = true;
        i++;
      } else if (c === 34) {
        this.pos = i + 1;
        const raw = line.slice(start, i);
        return escaped ? unescape(raw) : raw;
      }
    }
    this.pos = line.length;
    return undefined;
  }

  /** Skips the next field without copying it (fields the record does not keep). */
  skip(): void {
    const line = this.line;
    let pos = this.pos;
    while (pos < line.length && line.charCodeAt(pos) === 32) pos++;
    if (pos >= line.length) return;
    if (line.charCodeAt(pos) !== 34) {
      const end = line.indexOf(' ', pos);
      this.pos = end < 0 ? line.length : end;
      return;
    }
    for (let i = pos + 1; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) {
        this.pos = i + 1;
        return;
      }
    }
    this.pos = line.length;
  }

  /** Whether anything but spaces is left. */
  hasMore(): boolean {
    for (let i = this.pos; i < this.line.length; i++) if (this.line.charCodeAt(i) !== 32) return true;
    return false;
  }
}

function unescape(raw: string): string {
  return raw.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
    e.length === 3 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : e,
  );
}

const TYPES = new Set(['http', 'https', 'h2', 'grpcs', 'ws', 'wss']);
const METHOD = /^[A-Z][A-Z0-9_-]{0,19}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
const scanner = new ReferenceFieldScanner();

/** What `parseAlbLine` returns, computed the plain way. */
export function referenceParseAlbLine(line: string, options?: ParseOptions): ParseOutcome {
  const s = scanner;
  s.reset(line);
  const type = s.next();
  if (type === undefined || !TYPES.has(type)) return fail(`unknown ALB request type ${quote(type)}`);
  const time = normalizeTime(s.next());
  if (time === undefined) return fail('time is not an ISO-8601 UTC timestamp');
  const elb = s.next();
  const client = s.next();
  s.skip(); // target:port
  const requestTime = seconds(s.next());
  const targetTime = seconds(s.next());
  const responseTime = seconds(s.next());
  const status = statusCode(s.next());
  const targetStatus = statusCode(s.next());
  const bytesIn = count(s.next());
  const bytesOut = count(s.next());
  const request = s.next();
  if (request === undefined || elb === undefined || client === undefined)
    return fail('line has too few fields');
  if (status === undefined || targetStatus === undefined) return fail('status code is not a number or -');
  if (bytesIn === undefined || bytesOut === undefined) return fail('byte count is not a number');
  const space = request.indexOf(' ');
  const lastSpace = request.lastIndexOf(' ');
  if (space <= 0 || lastSpace <= space) return fail('request is not "METHOD URL PROTOCOL"');
  const method = request.slice(0, space);
  if (!METHOD.test(method))
    return fail(`request method ${quote(method)} is not valid (failed or malformed request)`);
  const classify = options?.classify !== false;
  const url = splitRequestTarget(request.slice(space + 1, lastSpace), classify);
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
    protocol: request.slice(lastSpace + 1, lastSpace + 33),
    transport: type.slice(0, 16),
    apiId: elb.slice(0, 256),
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

  const userAgent = present(s.next());
  if (userAgent !== undefined) call.userAgent = userAgent.slice(0, 1024);
  const cipher = present(s.next());
  if (cipher !== undefined) call.tlsCipher = cipher.slice(0, 128);
  const tlsProtocol = present(s.next());
  if (tlsProtocol !== undefined) call.tlsProtocol = tlsProtocol.slice(0, 32);
  s.skip(); // target_group_arn
  const traceId = present(s.next());
  if (traceId !== undefined) call.traceId = traceId.slice(0, 256);
  const domain = present(s.next());
  s.skip(); // chosen_cert_arn
  s.skip(); // matched_rule_priority
  s.skip(); // request_creation_time
  const actions = present(s.next());
  if (actions !== undefined) call.actions = actions.split(',', 20).map((a) => a.slice(0, 64));
  s.skip(); // redirect_url
  const errorReason = present(s.next());
  if (errorReason !== undefined) call.errorReason = errorReason.slice(0, 256);

  call.host =
    url.host ?? (domain === undefined ? undefined : domain.toLowerCase()) ?? options?.defaultHost ?? '';
  if (call.host === '') return fail('request names no host and no default host was given');
  // ALB logs show its own authenticate action and URL credentials, never headers: the rest is unknown.
  const auth = classify ? inferAuthScheme(call, url.queryKeys) : 'unknown';
  if (auth !== 'unknown') call.authScheme = auth;
  return { ok: true, call };
}

/** `2024-05-01T12:00:00.123456Z` -> `2024-05-01T12:00:00.123Z`, by slicing when the shape allows. */
function normalizeTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const n = text.length;
  if (
    n >= 24 &&
    text.charCodeAt(n - 1) === 90 &&
    // YYYY-MM-DDTHH:MM:SS.fff: separators and digits where ALB always writes them.
    isDigits(text, 0, 4) &&
    text.charCodeAt(4) === 45 &&
    isDigits(text, 5, 7) &&
    text.charCodeAt(7) === 45 &&
    isDigits(text, 8, 10) &&
    text.charCodeAt(10) === 84 &&
    isDigits(text, 11, 13) &&
    text.charCodeAt(13) === 58 &&
    isDigits(text, 14, 16) &&
    text.charCodeAt(16) === 58 &&
    isDigits(text, 17, 19) &&
    text.charCodeAt(19) === 46 &&
    isDigits(text, 20, 23) &&
    twoDigits(text, 5) >= 1 &&
    twoDigits(text, 5) <= 12 &&
    twoDigits(text, 8) >= 1 &&
    twoDigits(text, 8) <= 31 &&
    twoDigits(text, 11) < 24 &&
    twoDigits(text, 14) < 60 &&
    twoDigits(text, 17) < 60
  ) {
    return text.slice(0, 23) + 'Z';
  }
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

function seconds(text: string | undefined): number | undefined {
  if (text === undefined || text === '-1' || text === '-') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function statusCode(text: string | undefined): number | undefined {
  if (text === '-') return 0;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 999 ? n : undefined;
}

function count(text: string | undefined): number | undefined {
  if (text === '-') return 0;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

function present(text: string | undefined): string | undefined {
  return text === undefined || text === '-' || text === '' ? undefined : text;
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
