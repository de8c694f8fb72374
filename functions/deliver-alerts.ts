/**
 * The notifier: the findings table's stream (finding changes) and the inventory table's stream
 * (new endpoints, filtered by the event source) -> Slack, PagerDuty and signed webhooks.
 * Thin: shared/alerts/stream-events.ts turns records into events, shared/alerts/notify.ts routes,
 * folds and delivers them idempotently. A tenant whose bookkeeping fails has its records retried.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { readAlertsConfig } from '#shared/alerts/alerts-config';
import { cachedIntegrations } from '#shared/alerts/integration-cache';
import { deliverStreamBatch } from '#shared/alerts/deliver-stream-batch';
import { vettedTransport } from '#shared/alerts/vetted-net';
import { documentClient } from '#shared/aws/clients';

const logger = new Logger({ serviceName: 'deliver-alerts' });
const metrics = new Metrics({ namespace: 'Surveyor', serviceName: 'deliver-alerts' });

const config = readAlertsConfig(process.env);
const doc = documentClient();
const table = { doc, tableName: config.table };
const integrations = cachedIntegrations({ ...table, sealer: config.sealer }, 10_000);
const transport = vettedTransport(config.policy);

async function deliverAlerts(event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> {
  const result = await deliverStreamBatch(event.Records, {
    table,
    integrations,
    transport,
    policy: config.policy,
    portalUrl: config.portalUrl,
    burst: config.burst,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    endsAt: Date.now() + context.getRemainingTimeInMillis(),
    log: (message, details) => logger.warn(message, details),
    onError: (tenant, error) =>
      logger.error('alert bookkeeping failed; the records will be retried', { tenant, error }),
  });
  const { stats } = result;
  metrics.addMetric('AlertsDelivered', MetricUnit.Count, stats.delivered);
  metrics.addMetric('AlertsDeadLettered', MetricUnit.Count, stats.failed);
  metrics.addMetric('AlertDigests', MetricUnit.Count, stats.digests);
  metrics.addMetric('AlertsFolded', MetricUnit.Count, stats.folded);
  metrics.addMetric('AlertsSkipped', MetricUnit.Count, stats.skipped);
  return { batchItemFailures: result.batchItemFailures };
}

export const handler = middy(deliverAlerts).use(injectLambdaContext(logger)).use(logMetrics(metrics));
