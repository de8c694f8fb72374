/**
 * Parses batches of log lines into calls and quarantined lines. Never throws on content: a line that
 * is not a call is kept with its reason and line number (query values redacted), and counted.
 */
import type { ApiCall } from '#events/api-call.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { parseAlbLine } from './alb.ts';
import { parseApiGatewayLine } from './apigw.ts';
import { parseJsonLine } from './json-lines.ts';
import { apacheParser, envoyParser, nginxParser, type LineParser } from './text-formats.ts';
import { detectFormat, type LogFormat } from './detect-format.ts';
import type { JsonFieldNames, ParseOptions, ParseOutcome } from './parse-outcome.ts';
import { TOO_LONG } from './read-lines.ts';
import { boundParsedCall } from './bound-call.ts';
import { redactQueryValues, redactUrl } from '#shared/url/redact';

export interface ParsedBatch {
  calls: ApiCall[];
  quarantined: Quarantined[];
  /** Non-empty lines read, parsed or not. */
  lines: number;
}

export interface ParseLogOptions {
  readonly format: LogFormat | 'auto';
  readonly origin?: string;
  readonly defaultHost?: string;
  /** See ParseOptions.classify: `false` only to measure classification's cost. */
  readonly classify?: boolean;
  /**
   * Each line is a log shipper's JSON record whose `logKey` field holds the log line (Fluent Bit's
   * `tail` keeps it in `log`); a record without it is quarantined.
   */
  readonly logKey?: string;
  /** nginx only: the tenant's own `log_format` (see text-formats.ts). */
  readonly logFormat?: string;
  /** JSON lines only: field names (see json-lines.ts). */
  readonly jsonFields?: JsonFieldNames;
}

/** Every format a caller may ask for by name (`--format`, the intake's `?format=`). */
export const LOG_FORMATS: readonly LogFormat[] = ['alb', 'apigw', 'nginx', 'apache', 'envoy', 'json'];

// One line parser per format and parse, built once (templates compile here, not per line).
const PARSERS: Record<LogFormat, (options: ParseOptions) => LineParser> = {
  alb: (options) => (line) => parseAlbLine(line, options),
  apigw: (options) => (line) => parseApiGatewayLine(line, options),
  nginx: nginxParser,
  apache: apacheParser,
  envoy: envoyParser,
  json: (options) => (line) => parseJsonLine(line, options),
};

/** `for await (const { calls, quarantined } of parseLog(readLineBatches(file), { format: 'auto' }))` */
export async function* parseLog(
  batches: AsyncIterable<string[]>,
  options: ParseLogOptions,
): AsyncGenerator<ParsedBatch> {
  let format: LogFormat | undefined = options.format === 'auto' ? undefined : options.format;
  let lineNumber = 0;
  const parseOptions: ParseOptions = {
    ...(options.defaultHost !== undefined && { defaultHost: options.defaultHost }),
    ...(options.classify === false && { classify: false }),
    ...(options.logFormat !== undefined && { logFormat: options.logFormat }),
    ...(options.jsonFields !== undefined && { jsonFields: options.jsonFields }),
  };
  let parser: LineParser | undefined;
  for await (const lines of batches) {
    const key = options.logKey;
    const sample = lines.slice(0, 20);
    format ??= detectFormat(
      key === undefined
        ? sample
        : sample.map((l) => [unwrapRecord(l, key)].find((u) => typeof u === 'string') ?? ''),
    );
    if (format !== undefined) parser ??= PARSERS[format](parseOptions);
    const out: ParsedBatch = { calls: [], quarantined: [], lines: 0 };
    for (const line of lines) {
      lineNumber++;
      if (line.length === 0 || line.trim() === '') continue;
      out.lines++;
      const unwrapped = options.logKey === undefined ? line : unwrapRecord(line, options.logKey);
      const parsed = typeof unwrapped === 'string' ? parseLine(unwrapped, parser) : unwrapped;
      // Within the schema's bounds, sensitive path values replaced: what forwarders may ship.
      const outcome = parsed.ok ? { ok: true as const, call: boundParsedCall(parsed.call) } : parsed;
      if (outcome.ok) out.calls.push(outcome.call);
      else {
        const raw = typeof unwrapped === 'string' ? unwrapped : line;
        out.quarantined.push(quarantine(raw, lineNumber, outcome.reason, format, options.origin));
      }
    }
    yield out;
  }
}

/** The log line inside a shipper's JSON record, or why there is none. */
function unwrapRecord(line: string, key: string): string | { ok: false; reason: string } {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return { ok: false, reason: `not a JSON record with a "${key}" field (log_key)` };
  }
  const value = (record as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'string')
    return { ok: false, reason: `record has no string "${key}" field (log_key)` };
  return value.endsWith('\n') ? value.slice(0, -1) : value;
}

function parseLine(line: string, parser: LineParser | undefined): ParseOutcome {
  if (line.startsWith(TOO_LONG)) return { ok: false, reason: 'line too long (over 64 KiB)' };
  if (parser === undefined) return { ok: false, reason: 'not a line of any known access-log format' };
  try {
    return parser(line);
  } catch (error) {
    // Parsers are written not to throw; this keeps a bug from losing the rest of the file.
    return { ok: false, reason: `parser error: ${(error as Error).message}`.slice(0, 512) };
  }
}

function quarantine(
  line: string,
  lineNumber: number,
  reason: string,
  format: LogFormat | undefined,
  origin?: string,
): Quarantined {
  // Query values go first; then emails, card numbers, tokens... anywhere else in the line.
  const text = line.startsWith(TOO_LONG) ? line.slice(TOO_LONG.length) : line;
  const raw = redactUrl(redactQueryValues(text.slice(0, 8192))).slice(0, 2048);
  const record: Quarantined = {
    format: format ?? 'unknown',
    line: lineNumber,
    reason: reason.slice(0, 512) || 'invalid',
    raw,
  };
  if (origin !== undefined) record.origin = origin.slice(0, 2048);
  return record;
}
