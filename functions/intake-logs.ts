/**
 * The HTTPS log intake, `POST /v1/logs` behind API Gateway (and the local stack's HTTP server, which
 * turns requests into the same proxy events). Thin: shared/intake/accept-logs.ts does the work.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { acceptLogs, type IntakeDeps } from '#shared/intake/accept-logs';
import { createAuthenticator } from '#shared/intake/authenticate';
import { intakeSettings } from '#shared/intake/intake-env';
import { documentClient, kinesisClient } from '#shared/aws/clients';

const logger = new Logger({ serviceName: 'intake-logs' });
const metrics = new Metrics({ namespace: 'Surveyor', serviceName: 'intake-logs' });

const settings = intakeSettings(process.env);
const doc = documentClient();
const deps: IntakeDeps = {
  authenticate: createAuthenticator(doc, settings.table),
  doc,
  rateTable: settings.table,
  quota: settings.quota,
  limits: settings.limits,
  kinesis: kinesisClient(),
  streamName: settings.streamName,
  now: () => new Date(),
  onError: (error) => logger.error('intake request failed', error as Error),
};

async function intake(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const response = await acceptLogs(event, deps);
  // Tenants are metadata, never dimensions (a dimension per tenant multiplies metric cost).
  metrics.addMetric(`Intake${response.statusCode}`, MetricUnit.Count, 1);
  return response;
}

export const handler = middy(intake).use(injectLambdaContext(logger)).use(logMetrics(metrics));
