/**
 * Per-tenant intake quota, so one tenant cannot starve the others of the shared stream and consumer:
 * a fixed one-minute window per tenant in DynamoDB (`RATE#<tenant>#` / `WINDOW#<minute>`), counting
 * requests and lines with one conditional update. The stage-wide API Gateway throttle sits in front.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { rateKeys } from '#shared/tables/keys';
import { RateLimitedError } from './errors.ts';

export interface TenantQuota {
  readonly requestsPerMinute: number;
  readonly linesPerMinute: number;
}

export const DEFAULT_QUOTA: TenantQuota = { requestsPerMinute: 1200, linesPerMinute: 3_000_000 };

const WINDOW_MS = 60_000;

/** Charges one request of `lines` lines to the tenant's current window, or throws RateLimitedError. */
export async function chargeQuota(
  doc: DynamoDBDocumentClient,
  table: string,
  tenant: string,
  lines: number,
  quota: TenantQuota,
  now: Date,
): Promise<void> {
  const start = Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS;
  const retryAfter = Math.max(1, Math.ceil((start + WINDOW_MS - now.getTime()) / 1000));
  if (lines > quota.linesPerMinute) throw new RateLimitedError(retryAfter);
  try {
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: rateKeys.partition(tenant), sk: rateKeys.window(new Date(start).toISOString()) },
        UpdateExpression: 'ADD requests :one, #lines :lines SET expiresAt = :expires',
        ConditionExpression:
          'attribute_not_exists(requests) OR (requests < :maxRequests AND #lines <= :maxLines)',
        ExpressionAttributeNames: { '#lines': 'lines' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':lines': lines,
          ':expires': Math.floor((start + 2 * WINDOW_MS) / 1000),
          ':maxRequests': quota.requestsPerMinute,
          ':maxLines': quota.linesPerMinute - lines,
        },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new RateLimitedError(retryAfter);
    throw error;
  }
}
