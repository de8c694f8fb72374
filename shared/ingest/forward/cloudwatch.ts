/**
 * API Gateway access logs arrive from a CloudWatch Logs subscription: base64, gzip, JSON with many
 * log events. CONTROL_MESSAGE payloads (sent when a subscription is created) carry no logs.
 */
import { gunzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent } from 'aws-lambda';
import { parseLog } from '#shared/logs/parse-log';
import { isIntakeDelivery, postToIntake, type IntakeDelivery } from './post-to-intake.ts';
import { shipParsedLog, type ForwarderDeps, type ShipStats } from './ship-log.ts';

/** Decodes the subscription payload. */
export function decodeCloudWatchLogs(event: CloudWatchLogsEvent): CloudWatchLogsDecodedData {
  return JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as CloudWatchLogsDecodedData;
}

/** Forwards one subscription delivery; a CONTROL_MESSAGE ships nothing. */
export async function forwardCloudWatchLogs(
  event: CloudWatchLogsEvent,
  deps: ForwarderDeps | IntakeDelivery,
): Promise<ShipStats> {
  const data = decodeCloudWatchLogs(event);
  if (data.messageType === 'CONTROL_MESSAGE' || data.logEvents.length === 0) {
    return { lines: 0, calls: 0, quarantined: 0, records: 0 };
  }
  const origin = `cwl://${data.logGroup}/${data.logStream}`;
  const lines = data.logEvents.map((e) => e.message);
  async function* batches(): AsyncGenerator<string[]> {
    yield lines;
  }
  // CloudWatch Logs retries a failed delivery with the same events: the first event id keys it.
  if (isIntakeDelivery(deps))
    return postToIntake(batches(), { format: 'apigw' }, `${origin}#${data.logEvents[0]!.id}`, deps);
  return shipParsedLog(
    parseLog(batches(), { format: 'apigw', origin }),
    origin,
    `${origin}#${data.logEvents[0]!.id}`,
    deps,
  );
}
