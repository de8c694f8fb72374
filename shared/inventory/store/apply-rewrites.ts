/** Moves stored endpoint items when templating merged their templates into a more general one. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Rewrite } from '#shared/inventory/templater';
import { inventoryKeys } from '#shared/tables/keys';
import { endpointItemShape } from './endpoint-item.ts';
import { moveItem } from './move-item.ts';

export async function applyRewrites(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  rewrites: readonly Rewrite[],
  now: string,
): Promise<void> {
  const pk = inventoryKeys.partition(tenant);
  for (const { host, from, to } of rewrites) {
    const found = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': inventoryKeys.endpointTemplatePrefix(host, from) },
        ConsistentRead: true,
      }),
    );
    for (const item of found.Items ?? []) {
      const method = item.method as string;
      await moveItem(
        doc,
        tableName,
        { pk, sk: item.sk as string },
        { pk, sk: inventoryKeys.endpoint(host, method, to) },
        // createdBy marks an item a merge created: alerting announces observed endpoints, not merges.
        { kind: 'endpoint', host, method, path: to, updatedAt: now, createdBy: 'merge' },
        endpointItemShape,
      );
    }
  }
}
