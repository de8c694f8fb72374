/**
 * The findings table's stream -> finding changes (opened, reopened, status changed, escalated).
 * Thin: shared/findings/changes.ts decides what changed; alert delivery (Slack, PagerDuty) plugs in
 * here. Until then each change is a structured log line and a metric.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { findingChangesOf } from '#shared/findings/changes';

const logger = new Logger({ serviceName: 'finding-changes' });
const metrics = new Metrics({ namespace: 'Surveyor', serviceName: 'finding-changes' });

async function publish(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const changes = findingChangesOf(event.Records);
  for (const { change, tenant, finding, previousStatus } of changes) {
    logger.info('finding change', {
      change,
      tenant,
      findingId: finding.id,
      type: finding.type,
      severity: finding.severity,
      subject: finding.subject,
      status: finding.status,
      ...(previousStatus !== undefined && { previousStatus }),
    });
  }
  metrics.addMetric('FindingChanges', MetricUnit.Count, changes.length);
  return { batchItemFailures: [] };
}

export const handler = middy(publish).use(injectLambdaContext(logger)).use(logMetrics(metrics));
