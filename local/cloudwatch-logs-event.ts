/**
 * Builds the events a CloudWatch Logs subscription delivers to a Lambda: `{ awslogs: { data } }`
 * with base64(gzip(JSON)) of up to `maxEvents` log events, the way API Gateway access logs reach
 * the forwarder in AWS.
 */
import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsEvent } from 'aws-lambda';

export interface SubscriptionSource {
  readonly logGroup: string;
  readonly logStream: string;
  readonly owner?: string;
}

/** One event per `maxEvents` lines (CloudWatch batches up to 10,000 events or 1 MB). */
export function cloudWatchLogsEvents(
  lines: readonly string[],
  source: SubscriptionSource,
  maxEvents = 1000,
): CloudWatchLogsEvent[] {
  const events: CloudWatchLogsEvent[] = [];
  const messages = lines.filter((l) => l.trim() !== '');
  for (let start = 0; start < messages.length; start += maxEvents) {
    const logEvents = messages.slice(start, start + maxEvents).map((message, i) => ({
      id: `${Date.now()}${String(start + i).padStart(8, '0')}`,
      timestamp: Date.now(),
      message,
    }));
    events.push(
      encode({
        messageType: 'DATA_MESSAGE',
        owner: source.owner ?? '123456789012',
        logGroup: source.logGroup,
        logStream: source.logStream,
        subscriptionFilters: ['surveyor'],
        logEvents,
      }),
    );
  }
  return events;
}

/** The CONTROL_MESSAGE CloudWatch Logs sends when a subscription is created. */
export function controlMessageEvent(source: SubscriptionSource): CloudWatchLogsEvent {
  return encode({
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [
      {
        id: '',
        timestamp: Date.now(),
        message: `CWL CONTROL MESSAGE: Checking health of destination ${source.logGroup}`,
      },
    ],
  });
}

function encode(payload: object): CloudWatchLogsEvent {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}
