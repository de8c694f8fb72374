/**
 * Reads a tenant's inventory back in the shape `surveyor analyze --json` prints, so the CLI, the
 * portal and tests compare stored and analyzed inventories directly.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import { hllFromBase64 } from '#shared/inventory/hll';
import { inventoryKeys } from '#shared/tables/keys';

/** Every endpoint of `tenant`, sorted by host, path, then method. */
export async function readInventory(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
): Promise<EndpointSummary[]> {
  const endpoints: EndpointSummary[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ep)',
        ExpressionAttributeValues: {
          ':pk': inventoryKeys.partition(tenant),
          ':ep': inventoryKeys.endpointPrefix(),
        },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) endpoints.push(toSummary(item));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return endpoints.sort((x, y) => cmp(x.host, y.host) || cmp(x.path, y.path) || cmp(x.method, y.method));
}

function toSummary(item: Record<string, unknown>): EndpointSummary {
  const n = (key: string) => (item[key] as number | undefined) ?? 0;
  const auth: Record<string, number> = {};
  for (const [key, value] of Object.entries(item))
    if (key.startsWith('auth_')) auth[key.slice(5)] = value as number;
  const calls = n('calls');
  const summary: EndpointSummary = {
    host: item.host as string,
    method: item.method as string,
    path: item.path as string,
    calls,
    firstSeen: item.firstSeen as string,
    lastSeen: item.lastSeen as string,
    status: {
      other: n('sOther'),
      '1xx': n('s1xx'),
      '2xx': n('s2xx'),
      '3xx': n('s3xx'),
      '4xx': n('s4xx'),
      '5xx': n('s5xx'),
    },
    bytesIn: n('bytesIn'),
    bytesOut: n('bytesOut'),
    clients: item.clients === undefined ? 0 : hllFromBase64(item.clients as string).estimate(),
    auth,
    samples: (item.samples as string[] | undefined) ?? [],
  };
  if (item.latencyMsSum !== undefined && calls > 0) {
    summary.latencyMsAvg = Math.round((n('latencyMsSum') / calls) * 1000) / 1000;
    summary.latencyMsMax = n('latencyMsMax');
  }
  return summary;
}
