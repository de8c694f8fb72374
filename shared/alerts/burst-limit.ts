/**
 * The per-tenant burst limit, kept per integration: at most `limit` individual finding messages in
 * a fixed window; the rest of a storm (a first scan, the first day of traffic) is folded into
 * `finding.digest` messages. The count lives in DynamoDB, so concurrent invocations (one per stream
 * shard) share it. A redelivered batch counts again: that only folds more, never sends twice.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { alertKeys } from '#shared/tables/keys';
import type { AlertsTable } from './delivery-records.ts';

export interface BurstLimit {
  /** Individual finding messages per integration per window. */
  readonly limit: number;
  readonly windowMs: number;
}

export const DEFAULT_BURST_LIMIT: BurstLimit = { limit: 20, windowMs: 60_000 };

/** How many of `wanted` finding messages may go out individually now (the rest are folded). */
export async function takeIndividualSlots(
  table: AlertsTable,
  tenant: string,
  integrationId: string,
  wanted: number,
  now: Date,
  burst: BurstLimit = DEFAULT_BURST_LIMIT,
): Promise<number> {
  if (wanted === 0) return 0;
  const window = Math.floor(now.getTime() / burst.windowMs);
  const result = await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: alertKeys.partition(tenant), sk: alertKeys.burst(integrationId, window) },
      UpdateExpression: 'ADD #count :n SET expiresAt = :expires',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: {
        ':n': wanted,
        ':expires': Math.ceil(((window + 2) * burst.windowMs) / 1000),
      },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const before = (result.Attributes?.count as number) - wanted;
  return Math.max(0, Math.min(wanted, burst.limit - before));
}
