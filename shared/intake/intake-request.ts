/**
 * Reads an intake request (API Gateway REST proxy event) into what parsing needs: the body as lines
 * within the size limits, and the parse options from the query. Nothing here trusts a tenant the
 * request names: the tenant comes only from the key (authenticate.ts).
 */
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LOG_FORMATS, type ParseLogOptions } from '#shared/logs/parse-log';
import { compileTemplate } from '#shared/logs/log-template';
import { MAX_LINE, TOO_LONG } from '#shared/logs/read-lines';
import { BadIntakeRequestError, PayloadTooLargeError } from './errors.ts';

export interface IntakeLimits {
  /** The request body as sent (gzip or not). */
  readonly maxBodyBytes: number;
  /** After gzip: a small body must not expand into an unbounded one. */
  readonly maxDecodedBytes: number;
}

/**
 * Lambda's synchronous request payload limit (6 MB: 6,291,456 bytes), which the whole API Gateway
 * proxy event must fit, the body in it base64-encoded (every intake body is binary).
 */
export const LAMBDA_REQUEST_PAYLOAD_BYTES = 6 * 1024 * 1024;

/**
 * 4 MiB, not API Gateway's 10 MiB: base64 makes it 5.33 MiB, which leaves ~680 KB of Lambda's limit
 * for the rest of the event (API Gateway caps headers at 10 KB and the URL at 10 KB). A larger body
 * would fail the invocation, and API Gateway would answer 5xx instead of the function's 413.
 */
export const DEFAULT_LIMITS: IntakeLimits = {
  maxBodyBytes: 4 * 1024 * 1024,
  maxDecodedBytes: 100 * 1024 * 1024,
};

const HOST = /^[a-z0-9][a-z0-9.-]{0,252}$|^\[[0-9a-f:.]+\]$/;
const LOG_KEY = /^[A-Za-z0-9_@.-]{1,64}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
const BATCH = 4096;

/** A header's value, whatever case the sender used. */
export function header(event: Pick<APIGatewayProxyEvent, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {}))
    if (key.toLowerCase() === lower) return value;
  return undefined;
}

const JSON_FIELDS = ['method', 'path', 'status', 'host', 'client', 'timestamp', 'latency'] as const;
const FIELD_NAME = /^[A-Za-z0-9_@.$-]{1,128}$/;

/**
 * Parse options from the query: `?format=nginx&host=api.example.com`, plus `log_key=log` (shipper
 * records), `log_format=<nginx log_format>` and, for JSON lines, `field.<name>=<field>` and
 * `latency_unit=s`. An unknown parameter is an error, so a typo never goes unnoticed.
 */
export function parseIntakeQuery(
  query: Record<string, string | undefined> | null,
): Omit<ParseLogOptions, 'origin'> {
  const q = query ?? {};
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(q)) {
    if (name.startsWith('field.')) {
      const field = name.slice('field.'.length);
      if (!(JSON_FIELDS as readonly string[]).includes(field))
        throw new BadIntakeRequestError(`field.${field}: JSON fields are ${JSON_FIELDS.join(', ')}`);
      if (value === undefined || !FIELD_NAME.test(value))
        throw new BadIntakeRequestError(`${name} must be a field name`);
      fields[field] = value;
    } else if (!['format', 'host', 'log_key', 'log_format', 'latency_unit'].includes(name))
      throw new BadIntakeRequestError(`unknown query parameter ${name}`);
  }
  const format = q.format ?? 'auto';
  if (format !== 'auto' && !(LOG_FORMATS as readonly string[]).includes(format))
    throw new BadIntakeRequestError(`format must be one of ${['auto', ...LOG_FORMATS].join(', ')}`);
  const host = q.host?.toLowerCase();
  if (host !== undefined && !HOST.test(host)) throw new BadIntakeRequestError('host must be a host name');
  if (q.log_key !== undefined && !LOG_KEY.test(q.log_key))
    throw new BadIntakeRequestError('log_key must be a field name');
  if (q.log_format !== undefined) {
    if (format !== 'nginx') throw new BadIntakeRequestError('log_format goes with format=nginx');
    try {
      compileTemplate(q.log_format);
    } catch (error) {
      throw new BadIntakeRequestError(`log_format: ${(error as Error).message}`);
    }
  }
  if (q.latency_unit !== undefined && q.latency_unit !== 'ms' && q.latency_unit !== 's')
    throw new BadIntakeRequestError('latency_unit must be ms or s');
  const jsonFields = {
    ...fields,
    ...(q.latency_unit !== undefined && { latencyUnit: q.latency_unit as 'ms' | 's' }),
  };
  if (Object.keys(jsonFields).length > 0 && format !== 'json')
    throw new BadIntakeRequestError('field.* and latency_unit go with format=json');
  return {
    format: format as ParseLogOptions['format'],
    ...(host !== undefined && { defaultHost: host }),
    ...(q.log_key !== undefined && { logKey: q.log_key }),
    ...(q.log_format !== undefined && { logFormat: q.log_format }),
    ...(Object.keys(jsonFields).length > 0 && { jsonFields }),
  };
}

/** The body's bytes after base64 and gzip, within the limits. */
export function decodeBody(event: APIGatewayProxyEvent, limits: IntakeLimits): Buffer {
  const body = event.body ?? '';
  const raw = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (raw.length > limits.maxBodyBytes) throw new PayloadTooLargeError('request body', limits.maxBodyBytes);
  const encoding = header(event, 'content-encoding')?.trim().toLowerCase();
  const gzipped = encoding === 'gzip' || (raw[0] === 0x1f && raw[1] === 0x8b);
  if (encoding !== undefined && encoding !== '' && encoding !== 'gzip' && encoding !== 'identity')
    throw new BadIntakeRequestError('Content-Encoding must be gzip or identity');
  if (!gzipped) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: limits.maxDecodedBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new PayloadTooLargeError('decompressed body', limits.maxDecodedBytes);
    throw new BadIntakeRequestError('body is not valid gzip');
  }
}

/** Identifies the request for deduplication: the sender's `Idempotency-Key`, else the body's hash. */
export function idempotencyKey(event: APIGatewayProxyEvent, decoded: Buffer): string {
  const given = header(event, 'idempotency-key');
  if (given !== undefined) {
    if (!IDEMPOTENCY_KEY.test(given))
      throw new BadIntakeRequestError('Idempotency-Key must be 1-200 visible ASCII characters');
    return `key:${given}`;
  }
  return `sha256:${createHash('sha256').update(decoded).digest('base64url')}`;
}

/** Non-empty lines in the body (what the quota counts). */
export function countLines(text: string): number {
  let n = 0;
  let start = 0;
  for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', start)) {
    const end = nl < 0 ? text.length : nl;
    if (end > start && text.slice(start, end).trim() !== '') n++;
    if (nl < 0) return n;
    start = nl + 1;
  }
}

/** The body's lines in batches, CR stripped, overlong lines marked the way read-lines marks them. */
export async function* lineBatches(text: string): AsyncGenerator<string[]> {
  let batch: string[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let line = text.slice(start, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    batch.push(line.length > MAX_LINE ? TOO_LONG + line.slice(0, 2048) : line);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
    start = nl + 1;
  }
  if (batch.length > 0) yield batch;
}
