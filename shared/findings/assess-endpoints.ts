/**
 * After a batch is aggregated: re-judge the endpoints it touched from their stored, cumulative items
 * and record the findings. Judging stored totals (not the batch) makes a retried batch produce the
 * same findings, never double counts. `unused-endpoint` needs the whole inventory: the tenant-wide
 * assessment (assess-tenant.ts) makes those.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CallClassifier } from '#shared/classify/call-classifier';
import type { TenantConfig } from '#shared/tenancy/tenant-config';
import { assessInventory } from './assess-inventory.ts';
import { recordFindings, type FindingsTable } from '#shared/findings/store';
import { endpointKey, type EndpointIdentity } from '#shared/inventory/store/endpoint-item';
import { toSummary } from '#shared/inventory/store/read-inventory';

const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 10;

export interface JudgeInput {
  readonly doc: DynamoDBDocumentClient;
  readonly inventoryTable: string;
  readonly findings: FindingsTable;
  readonly tenant: string;
  readonly endpoints: readonly EndpointIdentity[];
  readonly config: TenantConfig;
  readonly classifier: CallClassifier;
  readonly now: string;
}

/** Returns the number of finding items written. */
export async function judgeEndpoints(input: JudgeInput): Promise<number> {
  const items = await readItems(input.doc, input.inventoryTable, input.endpoints);
  if (items.length === 0) return 0;
  const summaries = items.map((item) => toSummary(item, input.classifier.environment));
  const { findings } = assessInventory(summaries, input.config);
  const candidates = findings.filter((f) => f.type !== 'unused-endpoint');
  return recordFindings(input.findings, input.tenant, candidates, input.now);
}

async function readItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  endpoints: readonly EndpointIdentity[],
): Promise<Record<string, unknown>[]> {
  const keys = [...new Map(endpoints.map((e) => [JSON.stringify(endpointKey(e)), endpointKey(e)])).values()];
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) {
    // DynamoDB may leave keys unprocessed under load: ask again for those, backing off.
    let pending = keys.slice(i, i + BATCH_GET_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_GET_ATTEMPTS)
        throw new Error(`DynamoDB left ${pending.length} endpoint reads unprocessed`);
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const out = await doc.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
      );
      items.push(...(out.Responses?.[tableName] ?? []));
      pending = (out.UnprocessedKeys?.[tableName]?.Keys ?? []) as Record<string, string>[];
    }
  }
  return items;
}
