/**
 * The inventory a page at a time, straight from DynamoDB (sort-key order: host, template, method),
 * with the API's filters, and single endpoints by id. An endpoint id is its sort key after `EP#`,
 * base64url: stable, and meaningless outside the tenant partition it is read from.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import { classifyEnvironment } from '#shared/classify/environment';
import { toSummary } from '#shared/inventory/store/read-inventory';
import { inventoryKeys, tenantScope } from '#shared/tables/keys';
import { InvalidQueryError, pageLimit, queryPage } from './paged-query.ts';

export type Endpoint = EndpointSummary & { readonly id: string };

export interface EndpointQuery {
  readonly limit?: string | number | null | undefined;
  readonly cursor?: string | null | undefined;
  /** Exactly this host. */
  readonly host?: string | null | undefined;
  readonly method?: string | null | undefined;
  /** A substring of the host or path. */
  readonly q?: string | null | undefined;
}

export interface EndpointPage {
  readonly endpoints: Endpoint[];
  readonly nextCursor: string | null;
}

const METHOD = /^[A-Z][A-Z0-9_-]{0,19}$/;
const ENDPOINT_PREFIX = inventoryKeys.endpointPrefix();

export function endpointId(item: { host: string; method: string; path: string }): string {
  return Buffer.from(
    inventoryKeys.endpoint(item.host, item.method, item.path).slice(ENDPOINT_PREFIX.length),
  ).toString('base64url');
}

/** `listEndpointPage(doc, table, 'acme', { limit: 50, method: 'GET' })` */
export async function listEndpointPage(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  query: EndpointQuery,
): Promise<EndpointPage> {
  const host = query.host?.trim() || undefined;
  const method = query.method?.trim().toUpperCase() || undefined;
  const q = query.q?.trim() || undefined;
  if (host !== undefined && (host.length > 255 || host.includes('#')))
    throw new InvalidQueryError('host is not a host name');
  if (method !== undefined && !METHOD.test(method))
    throw new InvalidQueryError('method is not an HTTP method');
  if (q !== undefined && q.length > 200) throw new InvalidQueryError('q is longer than 200 characters');
  const prefix = inventoryKeys.endpointPrefix(host);
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': tenantScope(tenant), ':prefix': prefix };
  if (method !== undefined) {
    filters.push('#method = :method');
    names['#method'] = 'method';
    values[':method'] = method;
  }
  if (q !== undefined) {
    filters.push('(contains(#path, :q) OR contains(#host, :q))');
    Object.assign(names, { '#path': 'path', '#host': 'host' });
    values[':q'] = q;
  }
  const { items, nextCursor } = await queryPage({
    doc,
    input: {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: values,
      ...(filters.length > 0 && { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names }),
    },
    partitionKeys: { pk: tenantScope(tenant) },
    sortKeys: ['sk'],
    sortKeyPrefix: prefix,
    filtered: filters.length > 0,
    limit: pageLimit(query.limit),
    cursor: query.cursor ?? undefined,
  });
  return { endpoints: items.map(toEndpoint), nextCursor };
}

/** One endpoint by id; undefined for an unknown id, including another tenant's. */
export async function getEndpoint(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  id: string,
): Promise<Endpoint | undefined> {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(id)) return undefined;
  const sk = ENDPOINT_PREFIX + Buffer.from(id, 'base64url').toString('utf8');
  const { Item } = await doc.send(
    new GetCommand({ TableName: tableName, Key: { pk: tenantScope(tenant), sk } }),
  );
  return Item === undefined ? undefined : toEndpoint(Item);
}

function toEndpoint(item: Record<string, unknown>): Endpoint {
  const summary = toSummary(item, classifyEnvironment);
  return { id: endpointId(summary), ...summary };
}
