/**
 * Findings policy for one consumed batch: for each tenant it touched, re-assess the touched
 * endpoints from their stored totals, or, when the batch brought new endpoints to a tenant with
 * specs and the schedule says it is due, the whole tenant (only that finds operations never called
 * and resolves what no longer holds).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CallClassifier } from '#shared/classify/call-classifier';
import type { EndpointIdentity } from '#shared/inventory/store/endpoint-item';
import { assessEndpoints } from './assess-endpoints.ts';
import type { AssessmentConfig } from './assess-inventory.ts';
import { assessTenant } from './assess-tenant.ts';
import type { TenantAssessmentSchedule } from './assessment-schedule.ts';

export interface BatchAssessmentDeps {
  readonly doc: DynamoDBDocumentClient;
  readonly inventoryTable: string;
  readonly findingsTable: string;
  /** Without one, a tenant with new endpoints is assessed whole after every such batch. */
  readonly schedule?: TenantAssessmentSchedule;
}

export interface TenantBatch {
  readonly tenant: string;
  /** Endpoints the batch wrote, where they are now (after this batch's merges). */
  readonly endpoints: readonly EndpointIdentity[];
  readonly config: AssessmentConfig;
  readonly classifier: CallClassifier;
  readonly hasNewEndpoints: boolean;
}

/** Returns the finding items written; a tenant that fails is reported and the others go on. */
export async function assessBatch(
  deps: BatchAssessmentDeps,
  batches: readonly TenantBatch[],
  now: string,
  onError: (tenant: string, error: unknown) => void,
): Promise<number> {
  const findings = { doc: deps.doc, tableName: deps.findingsTable };
  let written = 0;
  for (const batch of batches) {
    const { tenant, config } = batch;
    try {
      // A new endpoint may be a documented operation's first call: only the whole inventory can tell.
      if ((config.specs?.length ?? 0) > 0 && batch.hasNewEndpoints) deps.schedule?.request(tenant);
      const whole =
        deps.schedule === undefined
          ? (config.specs?.length ?? 0) > 0 && batch.hasNewEndpoints
          : deps.schedule.startIfDue(tenant);
      if (whole) {
        written += (await assessTenant(deps, tenant, config, now)).written;
        deps.schedule?.finished(tenant);
        continue;
      }
      written += await assessEndpoints({
        doc: deps.doc,
        inventoryTable: deps.inventoryTable,
        findings,
        tenant,
        endpoints: batch.endpoints,
        config,
        classifier: batch.classifier,
        now,
      });
    } catch (error) {
      onError(tenant, error);
    }
  }
  return written;
}
