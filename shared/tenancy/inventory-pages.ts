/**
 * The inventory a page at a time, straight from DynamoDB (sort-key order: host, template, method; or
 * by calls or last seen through an index), with the API's filters (endpoint-filters.ts says how each
 * is evaluated), and single endpoints by id. An endpoint id is its sort key after `EP#`, base64url:
 * stable, and meaningless outside the tenant partition it is read from.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import { classifyEnvironment } from '#shared/classify/environment';
import { specStatus } from '#shared/findings/evaluators/spec-conformance';
import { callerRanking, callsByDay, type CallerRanking } from '#shared/inventory/store/endpoint-item';
import { toSummary } from '#shared/inventory/store/read-inventory';
import { compileSpec, type CompiledSpec } from '#shared/openapi/match';
import type { SpecModel } from '#shared/openapi/spec-model';
import { inventoryKeys, tenantScope } from '#shared/tables/keys';
import { queryPrefix } from '#shared/tables/query-prefix';
import {
  parseEndpointQuery,
  storedFilter,
  type EndpointFilters,
  type EndpointQuery,
} from './endpoint-filters.ts';
import { pageLimit, queryPage } from './paged-query.ts';

export type Endpoint = EndpointSummary & { readonly id: string };
/** One endpoint with its calls per day over the last CALL_DAYS days that had calls (oldest first). */
export type EndpointDetail = Endpoint & {
  readonly callsByDay: { day: string; calls: number }[];
  /** Outside callers by country and network, most calls first. */
  readonly callers: CallerRanking;
};
export type { EndpointQuery } from './endpoint-filters.ts';

export interface EndpointPage {
  readonly endpoints: Endpoint[];
  readonly nextCursor: string | null;
}

const ENDPOINT_PREFIX = inventoryKeys.endpointPrefix();
const SORT_INDEX = { calls: 'byCalls', lastSeen: 'byLastSeen' } as const;

export function endpointId(item: { host: string; method: string; path: string }): string {
  return Buffer.from(
    inventoryKeys.endpoint(item.host, item.method, item.path).slice(ENDPOINT_PREFIX.length),
  ).toString('base64url');
}

/** `listEndpointPage(doc, table, 'acme', { limit: 50, auth: 'none', sort: 'calls' })` */
export async function listEndpointPage(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  query: EndpointQuery,
): Promise<EndpointPage> {
  const f = parseEndpointQuery(query);
  const limit = pageLimit(query.limit);
  // The specs are read beside the page unless the spec filter needs them first.
  const specsRead = tenantSpecs(doc, tableName, tenant);
  specsRead.catch(() => undefined); // awaited below; unobserved until then
  const specs = f.spec === undefined ? [] : await specsRead;
  const prefix = inventoryKeys.endpointPrefix(f.host);
  const pk = tenantScope(tenant);
  const stored = storedFilter(f);
  const keep = readTimeFilter(f, specs);
  const common = { doc, limit, cursor: query.cursor ?? undefined, ...(keep && { keep }) };
  const filterInput = (extra: string[]) => {
    const parts = [...extra, ...(stored === undefined ? [] : [stored.expression])];
    return parts.length === 0
      ? {}
      : {
          FilterExpression: parts.join(' AND '),
          ...(stored !== undefined &&
            Object.keys(stored.names).length > 0 && {
              ExpressionAttributeNames: stored.names,
            }),
        };
  };
  const { items, nextCursor } =
    f.sort === 'path'
      ? await queryPage({
          ...common,
          input: {
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ...stored?.values, ':pk': pk, ':prefix': prefix },
            ScanIndexForward: !f.descending,
            ...filterInput([]),
          },
          partitionKeys: { pk },
          sortKeys: ['sk'],
          sortKeyPrefix: prefix,
          filtered: stored !== undefined,
        })
      : await queryPage({
          ...common,
          input: {
            TableName: tableName,
            IndexName: SORT_INDEX[f.sort],
            KeyConditionExpression: 'pk = :pk',
            // The index holds every item with the attribute (hosts too): keep endpoints only.
            ExpressionAttributeValues: { ...stored?.values, ':pk': pk, ':prefix': prefix },
            ScanIndexForward: !f.descending,
            ...filterInput(['begins_with(sk, :prefix)']),
          },
          partitionKeys: { pk },
          sortKeys: [f.sort, 'sk'],
          ...(f.sort === 'calls' && { numericKeys: ['calls'] }),
          sortKeyPrefix: '',
          // Dropping the few host items needs no larger reads: a short read just reads on.
          filtered: stored !== undefined,
        });
  const judged = await specsRead;
  return { endpoints: items.map((item) => toEndpoint(item, judged)), nextCursor };
}

/** One endpoint by id; undefined for an unknown id, including another tenant's. */
export async function getEndpoint(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  id: string,
): Promise<EndpointDetail | undefined> {
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(id)) return undefined;
  const sk = ENDPOINT_PREFIX + Buffer.from(id, 'base64url').toString('utf8');
  const { Item } = await doc.send(
    new GetCommand({ TableName: tableName, Key: { pk: tenantScope(tenant), sk } }),
  );
  if (Item === undefined) return undefined;
  return {
    ...toEndpoint(Item, await tenantSpecs(doc, tableName, tenant)),
    callsByDay: callsByDay(Item),
    callers: callerRanking(Item),
  };
}

/** The tenant's uploaded specs, compiled: what `classification.spec` and the spec filter judge by. */
async function tenantSpecs(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
): Promise<CompiledSpec[]> {
  const items = await queryPrefix(doc, tableName, tenant, inventoryKeys.specPrefix());
  return items.map((i) => compileSpec(JSON.parse(i.model as string) as SpecModel));
}

/** The filters judged from the tenant's configuration rather than stored: environment, spec status. */
function readTimeFilter(
  f: EndpointFilters,
  specs: readonly CompiledSpec[],
): ((item: Record<string, unknown>) => boolean) | undefined {
  const { environment, spec } = f;
  if (environment === undefined && spec === undefined) return undefined;
  return (item) => {
    const host = item.host as string;
    if (environment !== undefined) {
      const env = classifyEnvironment(host);
      const wanted = environment === 'non-production' ? env !== 'production' : env === environment;
      if (!wanted) return false;
    }
    return spec === undefined || (specOf(item, specs) ?? 'none') === spec;
  };
}

function specOf(item: Record<string, unknown>, specs: readonly CompiledSpec[]): string | undefined {
  if (specs.length === 0) return undefined;
  const n = (key: string) => (item[key] as number | undefined) ?? 0;
  return specStatus(
    {
      host: item.host as string,
      method: item.method as string,
      path: item.path as string,
      calls: n('calls'),
      firstSeen: item.firstSeen as string,
      lastSeen: item.lastSeen as string,
      statusClasses: {
        other: n('sOther'),
        '1xx': n('s1xx'),
        '2xx': n('s2xx'),
        '3xx': n('s3xx'),
        '4xx': n('s4xx'),
        '5xx': n('s5xx'),
      },
    },
    specs,
  );
}

function toEndpoint(item: Record<string, unknown>, specs: readonly CompiledSpec[]): Endpoint {
  const summary = toSummary(item, classifyEnvironment);
  const spec = specOf(item, specs);
  if (spec !== undefined && summary.classification !== undefined)
    summary.classification = { ...summary.classification, spec };
  return { id: endpointId(summary), ...summary };
}
