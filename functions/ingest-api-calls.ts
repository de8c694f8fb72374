/**
 * Kinesis consumer: signed envelopes from the forwarders -> the DynamoDB inventory.
 * Thin: configuration and clients at cold start, then shared/ingest/consume.ts per batch.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { KinesisStreamBatchResponse, KinesisStreamEvent } from 'aws-lambda';
import { createGeoLookup } from '#shared/classify/geo';
import { cachedTenantConfig } from '#shared/tenancy/tenant-config';
import { TenantAssessmentSchedule } from '#shared/findings/assessment-schedule';
import { consumeRecords, type ConsumeDeps } from '#shared/ingest/consume';
import { s3Quarantine } from '#shared/ingest/quarantine-store';
import { createKeyResolver } from '#shared/ingest/registry';
import { documentClient, readSecret, requireEnv, s3Client } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';

const logger = new Logger({ serviceName: 'ingest-api-calls' });
const metrics = new Metrics({ namespace: 'Surveyor', serviceName: 'ingest-api-calls' });

const inventoryTable = requireEnv(process.env, HANDLER_ENV.inventoryTable);
const findingsTable = requireEnv(process.env, HANDLER_ENV.findingsTable);
// The bundle carries the databases in its geo folder; locally they come from the npm packages.
const geoDir = process.env[HANDLER_ENV.geoDataDir] || undefined;
const quarantineBucket = requireEnv(process.env, HANDLER_ENV.quarantineBucket);
const masterSecret = await readSecret(process.env, HANDLER_ENV.masterSecret);
const doc = documentClient();
const now = () => new Date();
const deps: ConsumeDeps = {
  doc,
  inventoryTable,
  resolveKey: createKeyResolver(doc, inventoryTable, masterSecret),
  quarantine: s3Quarantine(s3Client(), quarantineBucket),
  now,
  onError: (error) => logger.error('write failed; its records will be retried', error as Error),
  findingsTable,
  // Module state on purpose: one schedule per container, like the configuration cache.
  assessments: new TenantAssessmentSchedule(),
  tenantConfig: cachedTenantConfig({ doc, tableName: inventoryTable }),
  geo: createGeoLookup(
    geoDir === undefined ? {} : { cityDir: geoDir, asnDir: geoDir, cacheDir: '/tmp/surveyor-geo' },
  ),
};

async function ingest(event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> {
  const records = event.Records.map((r) => ({
    shardId: r.eventID.slice(0, r.eventID.indexOf(':')),
    sequenceNumber: r.kinesis.sequenceNumber,
    data: Buffer.from(r.kinesis.data, 'base64'),
  }));
  const result = await consumeRecords(records, deps);
  for (const endpoint of result.newEndpoints) logger.info('new endpoint', { ...endpoint });
  // Tenants are metadata, never dimensions: a dimension per tenant multiplies metric cost.
  metrics.addMetric('CallsIngested', MetricUnit.Count, result.stats.calls);
  metrics.addMetric('RecordsRejected', MetricUnit.Count, result.stats.rejected);
  metrics.addMetric('DuplicateRecords', MetricUnit.Count, result.stats.duplicates);
  metrics.addMetric('LinesQuarantined', MetricUnit.Count, result.stats.quarantined);
  metrics.addMetric('NewEndpoints', MetricUnit.Count, result.newEndpoints.length);
  metrics.addMetric('FindingsWritten', MetricUnit.Count, result.stats.findingsWritten);
  metrics.addMetric('RecordsToRetry', MetricUnit.Count, result.batchItemFailures.length);
  return { batchItemFailures: result.batchItemFailures };
}

export const handler = middy(ingest).use(injectLambdaContext(logger)).use(logMetrics(metrics));
