/**
 * Reads given endpoints' stored items by key (BatchGet, consistent), e.g. the endpoints a batch just
 * wrote, so their findings are judged from cumulative totals.
 */
import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { EnvironmentClassifier } from '#shared/classify/environment';
import { endpointKey, type EndpointIdentity } from './endpoint-item.ts';
import { toSummary } from './read-inventory.ts';

const BATCH_GET_LIMIT = 100;
const BATCH_GET_ATTEMPTS = 10;

/** The stored endpoints among `endpoints` (missing ones are left out), as inventory summaries. */
export async function readEndpoints(
  doc: DynamoDBDocumentClient,
  tableName: string,
  endpoints: readonly EndpointIdentity[],
  environment: EnvironmentClassifier,
): Promise<EndpointSummary[]> {
  const items = await readEndpointItems(doc, tableName, endpoints);
  return items.map((item) => toSummary(item, environment));
}

async function readEndpointItems(
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
