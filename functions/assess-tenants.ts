/**
 * Scheduled tenant-wide assessment: for every tenant, assess the whole stored inventory against its
 * specs and rules. Batches assess only the endpoints they touch; this is what keeps documented-but-
 * never-called operations current and resolves findings that no longer hold. A failing tenant is
 * logged and skipped, so one bad configuration does not hold up the others.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { ScheduledEvent } from 'aws-lambda';
import { loadTenantConfig } from '#shared/tenancy/tenant-config';
import { assessTenant } from '#shared/findings/assess-tenant';
import { listTenants } from '#shared/ingest/registry';
import { documentClient, requireEnv } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';

const logger = new Logger({ serviceName: 'assess-tenants' });
const metrics = new Metrics({ namespace: 'Surveyor', serviceName: 'assess-tenants' });

const inventoryTable = requireEnv(process.env, HANDLER_ENV.inventoryTable);
const findingsTable = requireEnv(process.env, HANDLER_ENV.findingsTable);
const doc = documentClient();

export interface AssessTenantsResult {
  readonly assessed: string[];
  readonly failed: string[];
}

async function assessAll(event: ScheduledEvent): Promise<AssessTenantsResult> {
  const now = event.time ?? new Date().toISOString();
  const assessed: string[] = [];
  const failed: string[] = [];
  for (const tenant of await listTenants(doc, inventoryTable)) {
    try {
      const config = await loadTenantConfig({ doc, tableName: inventoryTable }, tenant);
      const result = await assessTenant({ doc, inventoryTable, findingsTable }, tenant, config, now);
      logger.info('assessed tenant', { tenant, ...result });
      assessed.push(tenant);
    } catch (error) {
      logger.error('tenant assessment failed', { tenant, error: error as Error });
      failed.push(tenant);
    }
  }
  metrics.addMetric('TenantsAssessed', MetricUnit.Count, assessed.length);
  metrics.addMetric('TenantAssessmentsFailed', MetricUnit.Count, failed.length);
  return { assessed, failed };
}

export const handler = middy(assessAll).use(injectLambdaContext(logger)).use(logMetrics(metrics));
