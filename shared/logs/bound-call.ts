/**
 * One call brought within the api-call schema's bounds, where its meaning survives: strings and
 * lists cut to the schema's limits, the host cut to a DNS name's 253 bytes (keeping its domain),
 * sensitive values in the path replaced by typed markers (`/ssn/{ssn}`). Parsers' output and every
 * call the consumer receives pass through it, so one oversized or malformed call is cut or
 * quarantined alone instead of failing the envelope, the batch or another tenant's records.
 */
import { apiCallSchema, type ApiCall } from '#events/api-call.schema';
import { describeErrors, validateApiCall } from '#events/validate';
import { redactUrl } from '#shared/url/redact';

/** DNS names are at most 253 bytes; a sort key holds host, template and method under 1,024. */
export const MAX_HOST_BYTES = 253;

export type BoundedCall =
  { readonly ok: true; readonly call: ApiCall } | { readonly ok: false; readonly reason: string };

type Property = { type?: string; maxLength?: number; maxItems?: number; items?: { maxLength?: number } };
const PROPERTIES = apiCallSchema.properties as Record<string, Property>;

/** `boundCall({ ...call, host: 'h'.repeat(300) + '.example.com' })` -> the call under `hhh...h.example.com` (253 bytes). */
export function boundCall(input: unknown): BoundedCall {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, reason: 'call is not an object' };
  const call: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    const property = PROPERTIES[name];
    if (property === undefined) continue; // unknown fields are dropped, not a reason to lose the call
    call[name] = name === 'host' || name === 'path' ? value : cut(value, property);
  }
  if (typeof call.host === 'string') call.host = boundHost(call.host);
  if (typeof call.path === 'string') call.path = cutPath(redactUrl(call.path));
  if (!validateApiCall(call))
    return { ok: false, reason: `call: ${describeErrors(validateApiCall)}`.slice(0, 512) };
  return { ok: true, call };
}

/**
 * A parser's call (typed, its other fields already cut by the parser) with its host and path
 * bounded and sensitive path values replaced: what forwarders ship, so Kinesis and the failure
 * bucket never carry those values. Cheaper than `boundCall`: no schema validation per line.
 */
export function boundParsedCall(call: ApiCall): ApiCall {
  call.host = boundHost(call.host);
  call.path = cutPath(redactUrl(call.path));
  return call;
}

/** Lower-case, at most 253 bytes: the tail is kept, since the domain says whose host it is. */
export function boundHost(host: string): string {
  const lower = host.toLowerCase();
  // At most 3 bytes per UTF-16 unit: a short host needs no byte count.
  if (lower.length * 3 <= MAX_HOST_BYTES) return lower;
  const bytes = Buffer.byteLength(lower);
  if (bytes <= MAX_HOST_BYTES) return lower;
  // All ASCII (one byte per unit): the tail is a plain cut, no walk needed.
  if (bytes === lower.length) return lower.slice(lower.length - MAX_HOST_BYTES);
  // Walk back by code point, counting UTF-8 bytes once each (linear in the kept tail).
  let kept = 0;
  let start = lower.length;
  while (start > 0) {
    const low = lower.charCodeAt(start - 1);
    const pair = low >= 0xdc00 && low <= 0xdfff && start >= 2 && isHighSurrogate(lower.charCodeAt(start - 2));
    const size = pair ? 4 : low < 0x80 ? 1 : low < 0x800 ? 2 : 3;
    if (kept + size > MAX_HOST_BYTES) break;
    kept += size;
    start -= pair ? 2 : 1;
  }
  return lower.slice(start);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function cut(value: unknown, property: Property): unknown {
  if (typeof value === 'string' && property.maxLength !== undefined && value.length > property.maxLength)
    return value.slice(0, property.maxLength);
  if (Array.isArray(value) && property.maxItems !== undefined) {
    const max = property.items?.maxLength;
    return value
      .slice(0, property.maxItems)
      .map((item) => (typeof item === 'string' && max !== undefined ? item.slice(0, max) : item));
  }
  return value;
}

/** Paths over the schema's limit are cut at a segment boundary (templates keep far less anyway). */
function cutPath(path: string): string {
  const max = (PROPERTIES.path!.maxLength ?? 8192) - 8;
  if (path.length <= max + 8) return path;
  const slash = path.lastIndexOf('/', max);
  return `${path.slice(0, slash > 0 ? slash : max)}/{path}`;
}
