/**
 * The inventory list's query parameters, validated, and how each is evaluated. What is stored on the
 * endpoint item is filtered by DynamoDB (a `FilterExpression`): method, search text, auth scheme,
 * exposure, sensitive data. What is judged at read time from the tenant's configuration is filtered
 * in memory on the same pages: the environment (from the host name) and the spec status (from the
 * uploaded OpenAPI documents). Sorting by calls or last seen reads the `byCalls` / `byLastSeen` index.
 */
import { AUTH_SCHEMES } from '#events/api-call.schema';
import { InvalidQueryError } from './query-errors.ts';

export const ENDPOINT_SORTS = ['path', 'calls', 'lastSeen'] as const;
export type EndpointSort = (typeof ENDPOINT_SORTS)[number];
export const EXPOSURES = ['internal', 'external'] as const;
/** `none`: no uploaded spec covers the endpoint's host. */
export const SPEC_STATUSES = ['documented', 'shadow', 'method-not-in-spec', 'zombie', 'none'] as const;

/** The query string of `GET /api/v1/endpoints` and the inventory page, as received. */
export interface EndpointQuery {
  readonly limit?: string | number | null | undefined;
  readonly cursor?: string | null | undefined;
  /** Exactly this host. */
  readonly host?: string | null | undefined;
  readonly method?: string | null | undefined;
  /** A substring of the host or path. */
  readonly q?: string | null | undefined;
  /** An auth scheme seen on the endpoint (`none`: unauthenticated calls). */
  readonly auth?: string | null | undefined;
  readonly exposure?: string | null | undefined;
  /** `true`: sensitive data seen in its URLs; `false`: none. */
  readonly sensitive?: string | null | undefined;
  /** `production`, `non-production` or one environment (`staging`). */
  readonly environment?: string | null | undefined;
  readonly spec?: string | null | undefined;
  /** `path` (host, path, method; the default), `calls` or `lastSeen`. */
  readonly sort?: string | null | undefined;
  /** `asc` or `desc`; by default paths ascend and calls and last seen descend. */
  readonly order?: string | null | undefined;
}

/** Every parameter name of EndpointQuery, for routes that copy them from a query string. */
export const ENDPOINT_QUERY_PARAMS = [
  'limit',
  'cursor',
  'host',
  'method',
  'q',
  'auth',
  'exposure',
  'sensitive',
  'environment',
  'spec',
  'sort',
  'order',
] as const satisfies readonly (keyof EndpointQuery)[];

/** The validated query: every field either absent or a value the store can use as it is. */
export interface EndpointFilters {
  readonly host?: string;
  readonly method?: string;
  readonly q?: string;
  readonly auth?: (typeof AUTH_SCHEMES)[number];
  readonly exposure?: (typeof EXPOSURES)[number];
  readonly sensitive?: boolean;
  readonly environment?: string;
  readonly spec?: (typeof SPEC_STATUSES)[number];
  readonly sort: EndpointSort;
  readonly descending: boolean;
}

const METHOD = /^[A-Z][A-Z0-9_-]{0,19}$/;
const ENVIRONMENT = /^[a-z][a-z0-9-]{0,31}$/;

/** `parseEndpointQuery({ auth: 'none', sort: 'calls' })`; throws InvalidQueryError naming the parameter. */
export function parseEndpointQuery(query: EndpointQuery): EndpointFilters {
  const value = (v: string | null | undefined) => v?.trim() || undefined;
  const host = value(query.host);
  const method = value(query.method)?.toUpperCase();
  const q = value(query.q);
  if (host !== undefined && (host.length > 255 || host.includes('#')))
    throw new InvalidQueryError('host is not a host name');
  if (method !== undefined && !METHOD.test(method))
    throw new InvalidQueryError('method is not an HTTP method');
  if (q !== undefined && q.length > 200) throw new InvalidQueryError('q is longer than 200 characters');
  const environment = value(query.environment);
  if (environment !== undefined && !ENVIRONMENT.test(environment))
    throw new InvalidQueryError(
      'environment is not an environment name (production, non-production, dev...)',
    );
  const sort = oneOf('sort', value(query.sort), ENDPOINT_SORTS) ?? 'path';
  const order = oneOf('order', value(query.order), ['asc', 'desc'] as const);
  const sensitive = oneOf('sensitive', value(query.sensitive), ['true', 'false'] as const);
  return {
    ...(host !== undefined && { host }),
    ...(method !== undefined && { method }),
    ...(q !== undefined && { q }),
    ...optional('auth', oneOf('auth', value(query.auth), AUTH_SCHEMES)),
    ...optional('exposure', oneOf('exposure', value(query.exposure), EXPOSURES)),
    ...(sensitive !== undefined && { sensitive: sensitive === 'true' }),
    ...(environment !== undefined && { environment }),
    ...optional('spec', oneOf('spec', value(query.spec), SPEC_STATUSES)),
    sort,
    descending: order === undefined ? sort !== 'path' : order === 'desc',
  };
}

/** The DynamoDB filter for what the item stores; undefined when nothing needs one. */
export function storedFilter(
  f: EndpointFilters,
): { expression: string; names: Record<string, string>; values: Record<string, unknown> } | undefined {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (f.method !== undefined) {
    parts.push('#method = :method');
    names['#method'] = 'method';
    values[':method'] = f.method;
  }
  if (f.q !== undefined) {
    parts.push('(contains(#path, :q) OR contains(#host, :q))');
    Object.assign(names, { '#path': 'path', '#host': 'host' });
    values[':q'] = f.q;
  }
  // Calls per scheme are counters `auth_<scheme>`, present once the scheme was seen.
  if (f.auth !== undefined) {
    parts.push('attribute_exists(#auth)');
    names['#auth'] = `auth_${f.auth}`;
  }
  if (f.exposure !== undefined) {
    names['#ext'] = 'extCalls';
    values[':zero'] = 0;
    parts.push(f.exposure === 'external' ? '#ext > :zero' : '(attribute_not_exists(#ext) OR #ext = :zero)');
  }
  if (f.sensitive !== undefined) {
    names['#sens'] = 'sensitive';
    values[':zero'] = 0;
    parts.push(f.sensitive ? 'size(#sens) > :zero' : '(attribute_not_exists(#sens) OR size(#sens) = :zero)');
  }
  return parts.length === 0 ? undefined : { expression: parts.join(' AND '), names, values };
}

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v))
    throw new InvalidQueryError(`${name} must be one of ${allowed.join(', ')}`);
  return v as T;
}

function optional<K extends string, T>(key: K, v: T | undefined): { [P in K]?: T } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: T };
}
