/** API Gateway access logs from a CloudWatch Logs subscription -> signed envelopes on the ingest stream. */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { CloudWatchLogsEvent } from 'aws-lambda';
import { forwardCloudWatchLogs } from '#shared/ingest/forward/cloudwatch';
import { forwarderDeps } from '#shared/ingest/forward/forwarder-config';

const logger = new Logger({ serviceName: 'forward-cloudwatch-logs' });
const deps = await forwarderDeps();

async function forward(event: CloudWatchLogsEvent): Promise<void> {
  const stats = await forwardCloudWatchLogs(event, deps);
  logger.info('forwarded CloudWatch Logs delivery', { ...stats });
}

export const handler = middy(forward).use(injectLambdaContext(logger));
