/**
 * The `CloudWatchLogsEvent` a subscription filter delivers to Lambda: gzip'd, base64'd JSON of a
 * batch of log events, split the way CloudWatch Logs must (PutLogEvents limits, the 24-hour span
 * of a batch, and Lambda's asynchronous payload limit).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent, CloudWatchLogsLogEvent } from 'aws-lambda';

export interface LogLine {
  readonly timestamp: number;
  readonly message: string;
}

export interface LogSource {
  /** The account that owns the log group. */
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: readonly string[];
}

export interface CloudWatchLimits {
  readonly maxEventsPerBatch: number;
  /** Sum of UTF-8 message bytes plus 26 bytes per event. */
  readonly maxBatchBytes: number;
  /** Longer messages are truncated, as CloudWatch Logs' agents do. */
  readonly maxEventBytes: number;
  readonly maxBatchSpanMs: number;
  /** Lambda's asynchronous invocation payload limit, for the whole event JSON. */
  readonly maxPayloadBytes: number;
}

export const CLOUDWATCH_LIMITS: CloudWatchLimits = {
  maxEventsPerBatch: 10_000,
  maxBatchBytes: 1_048_576,
  maxEventBytes: 262_144 - 26,
  maxBatchSpanMs: 24 * 3600_000,
  maxPayloadBytes: 262_144,
};

const EVENT_OVERHEAD = 26;

/** `cloudWatchLogsEvents([{ timestamp: Date.now(), message: '{"requestId":...}' }], source)` */
export function cloudWatchLogsEvents(
  lines: readonly LogLine[],
  source: LogSource,
  limits: CloudWatchLimits = CLOUDWATCH_LIMITS,
): CloudWatchLogsEvent[] {
  const events = [...lines]
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((line, i) => logEvent(line, i, limits.maxEventBytes));
  return [...batches(events, limits)].flatMap((batch) => fitPayload(batch, source, limits.maxPayloadBytes));
}

/** The health check CloudWatch Logs sends when a subscription is created; handlers must skip it. */
export function controlMessageEvent(timestamp = Date.now()): CloudWatchLogsEvent {
  return encode({
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [
      { id: '', timestamp, message: 'CWL CONTROL MESSAGE: Checking health of destination Lambda function.' },
    ],
  });
}

/** What a handler does first: `decodeCloudWatchLogsEvent(event).logEvents`. */
export function decodeCloudWatchLogsEvent(event: CloudWatchLogsEvent): CloudWatchLogsDecodedData {
  return JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as CloudWatchLogsDecodedData;
}

function encode(data: CloudWatchLogsDecodedData): CloudWatchLogsEvent {
  return { awslogs: { data: gzipSync(JSON.stringify(data)).toString('base64') } };
}

function logEvent(line: LogLine, index: number, maxBytes: number): CloudWatchLogsLogEvent {
  // Real ids are 56-digit strings, unique per event; ours start with the timestamp to stay sortable.
  const id = `${String(line.timestamp).padStart(16, '0')}${String(index).padStart(10, '0')}`.padEnd(56, '0');
  return { id, timestamp: line.timestamp, message: truncate(line.message, maxBytes) };
}

function truncate(message: string, maxBytes: number): string {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= maxBytes) return message;
  // Decoding a cut buffer may end in half a character; drop the replacement character it leaves.
  return bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

function* batches(
  events: CloudWatchLogsLogEvent[],
  limits: CloudWatchLimits,
): Generator<CloudWatchLogsLogEvent[]> {
  let batch: CloudWatchLogsLogEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const size = Buffer.byteLength(event.message, 'utf8') + EVENT_OVERHEAD;
    const first = batch[0];
    const full =
      batch.length >= limits.maxEventsPerBatch ||
      bytes + size > limits.maxBatchBytes ||
      (first !== undefined && event.timestamp - first.timestamp > limits.maxBatchSpanMs);
    if (full && batch.length > 0) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

/** Halves a batch until each compressed event fits Lambda's payload limit. */
function fitPayload(
  logEvents: CloudWatchLogsLogEvent[],
  source: LogSource,
  maxBytes: number,
): CloudWatchLogsEvent[] {
  const event = encode({
    messageType: 'DATA_MESSAGE',
    ...source,
    subscriptionFilters: [...source.subscriptionFilters],
    logEvents,
  });
  if (logEvents.length <= 1 || Buffer.byteLength(JSON.stringify(event)) <= maxBytes) return [event];
  const half = Math.ceil(logEvents.length / 2);
  return [
    ...fitPayload(logEvents.slice(0, half), source, maxBytes),
    ...fitPayload(logEvents.slice(half), source, maxBytes),
  ];
}
