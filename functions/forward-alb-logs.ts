/** ALB access logs written to S3 -> signed envelopes on the Surveyor ingest stream. */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { S3Event } from 'aws-lambda';
import { forwarderDeps } from '#shared/ingest/forward/forwarder-config';
import { forwardS3Objects } from '#shared/ingest/forward/s3-object';
import { s3Client } from '#shared/aws/clients';

const logger = new Logger({ serviceName: 'forward-alb-logs' });
const deps = await forwarderDeps();
const s3 = s3Client();

async function forward(event: S3Event): Promise<void> {
  const stats = await forwardS3Objects(event, s3, deps);
  for (const s of stats) logger.info('forwarded ALB log object', { ...s });
}

export const handler = middy(forward).use(injectLambdaContext(logger));
