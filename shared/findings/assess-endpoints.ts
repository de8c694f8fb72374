/**
 * After a batch is aggregated: re-assess the endpoints it touched from their stored, cumulative items
 * and record the findings. Assessing stored totals (not the batch) makes a retried batch produce the
 * same findings, never double counts. `unused-endpoint` needs the whole inventory: the tenant-wide
 * assessment (assess-tenant.ts) makes those.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CallClassifier } from '#shared/classify/call-classifier';
import type { EndpointIdentity } from '#shared/inventory/store/endpoint-item';
import { readEndpoints } from '#shared/inventory/store/read-endpoints';
import { assessInventory, type AssessmentConfig } from './assess-inventory.ts';
import { recordFindings, type FindingsTable } from './store.ts';

export interface AssessEndpointsInput {
  readonly doc: DynamoDBDocumentClient;
  readonly inventoryTable: string;
  readonly findings: FindingsTable;
  readonly tenant: string;
  readonly endpoints: readonly EndpointIdentity[];
  readonly config: AssessmentConfig;
  readonly classifier: CallClassifier;
  readonly now: string;
}

/** Returns the number of finding items written. */
export async function assessEndpoints(input: AssessEndpointsInput): Promise<number> {
  const summaries = await readEndpoints(
    input.doc,
    input.inventoryTable,
    input.endpoints,
    input.classifier.environment,
  );
  if (summaries.length === 0) return 0;
  const { findings } = assessInventory(summaries, input.config);
  const candidates = findings.filter((f) => f.type !== 'unused-endpoint');
  return recordFindings(input.findings, input.tenant, candidates, input.now);
}
