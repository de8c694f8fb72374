/**
 * Scheduled tenant-wide assessment: for every tenant, assess the whole stored inventory against its
 * specs and rules. Batches assess only the endpoints they touch; this is what keeps documented-but-
 * never-called operations current and resolves findings that no longer hold. Each tenant has its own
 * time budget and a failing tenant is logged and skipped, so one tenant does not hold up the others.
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { loadTenantConfig } from '#shared/tenancy/tenant-config';
import { assessTenants, type AssessTenantsResult } from '#shared/findings/assess-tenants';
import { TenantBudgetExceededError } from '#shared/findings/assess-tenant';
import { listTenants } from '#shared/ingest/registry';
import { documentClient, positiveIntegerEnv, requireEnv } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';

const logger = new Logger({ serviceName: 'assess-tenants' });
const metrics = new Metrics({ namespace: 'Surveyor', serviceName: 'assess-tenants' });

const inventoryTable = requireEnv(process.env, HANDLER_ENV.inventoryTable);
const findingsTable = requireEnv(process.env, HANDLER_ENV.findingsTable);
/** One minute by default: a 15-minute run always reaches a dozen tenants, usually all of them. */
const tenantBudgetMs = positiveIntegerEnv(process.env, HANDLER_ENV.assessmentTenantBudgetMs, 60_000);
const doc = documentClient();

async function assessAll(event: ScheduledEvent, context: Context): Promise<AssessTenantsResult> {
  const result = await assessTenants(
    { doc, inventoryTable, findingsTable },
    await listTenants(doc, inventoryTable),
    {
      tenantBudgetMs,
      remainingMs: () => context.getRemainingTimeInMillis(),
      now: event.time ?? new Date().toISOString(),
      loadConfig: (tenant) => loadTenantConfig({ doc, tableName: inventoryTable }, tenant),
      onAssessed: (tenant, done) => logger.info('assessed tenant', { tenant, ...done }),
      onError: (tenant, error) =>
        error instanceof TenantBudgetExceededError
          ? logger.warn('tenant assessment ran out of its time budget; resumes next run', { tenant })
          : logger.error('tenant assessment failed', { tenant, error: error as Error }),
    },
  );
  if (result.notReached.length > 0)
    logger.warn('run ended before every tenant; they go first next run', { notReached: result.notReached });
  metrics.addMetric('TenantsAssessed', MetricUnit.Count, result.assessed.length);
  metrics.addMetric('TenantAssessmentsFailed', MetricUnit.Count, result.failed.length);
  metrics.addMetric(
    'TenantAssessmentsDeferred',
    MetricUnit.Count,
    result.deferred.length + result.notReached.length,
  );
  return result;
}

export const handler = middy(assessAll).use(injectLambdaContext(logger)).use(logMetrics(metrics));
