/**
 * Surveyor's Log4Shell callback listener in AWS: Route 53 logs every query for the callback zone to
 * CloudWatch Logs, whose subscription delivers them here; each queried name is recorded where the
 * scan's check looks for its marker (shared/scans/callback-canary.ts).
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { documentClient, requireEnv } from '#shared/aws/clients';
import { decodeCloudWatchLogs } from '#shared/ingest/forward/cloudwatch';
import { recordCallback } from '#shared/scans/callback-canary';
import { queriesUnder } from '#shared/scans/route53-query-log';
import { SCAN_ENV } from '#shared/scans/scan-env';

const logger = new Logger({ serviceName: 'record-callbacks' });
const table = { doc: documentClient(), tableName: requireEnv(process.env, SCAN_ENV.inventoryTable) };
const zone = requireEnv(process.env, SCAN_ENV.callbackZone);

async function record(event: CloudWatchLogsEvent): Promise<void> {
  const data = decodeCloudWatchLogs(event);
  if (data.messageType === 'CONTROL_MESSAGE') return;
  const queries = queriesUnder(
    zone,
    data.logEvents.map((e) => e.message),
  );
  await Promise.all(queries.map((q) => recordCallback(table, q.name, q.at)));
  logger.info('recorded callback queries', { lines: data.logEvents.length, queries: queries.length });
}

export const handler = middy(record).use(injectLambdaContext(logger));
