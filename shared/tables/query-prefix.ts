/** The one paginated query of a tenant partition by sort-key prefix that stores build on. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tenantScope } from './keys.ts';

/**
 * Every item of a tenant's partition whose sort key starts with `prefix`, all pages. An aborted
 * `signal` stops it between pages and cancels the page in flight (a caller's time budget).
 */
export async function queryPrefix(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  prefix: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    signal?.throwIfAborted();
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': tenantScope(tenant), ':prefix': prefix },
        ExclusiveStartKey: start,
      }),
      { abortSignal: signal },
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}
