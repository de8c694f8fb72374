/**
 * Synthetic but realistic API traffic over the endpoints of real OpenAPI specs, with the spec
 * template of every call as ground truth.
 *
 * Assumptions (each one is a choice that makes the test fair rather than easy):
 * - Endpoint popularity is Zipf (exponent 1 by default) over all endpoints of all APIs in a seeded
 *   random order, so a few endpoints carry most calls and a long tail is called once or never;
 *   only endpoints that received calls count for recall.
 * - A parameter's values come from one pool per (host, template prefix up to that parameter): the
 *   users behind `/users/{id}` are the same as behind `/users/{id}/orders`. A pool holds a log-uniform
 *   number of distinct values between 1 and 300 (capped by the kind's domain: enums, booleans,
 *   locales...), and calls pick values Zipf-wise, spec examples being the most popular.
 * - Value kinds follow the spec (enum, type, format, name, pattern, example; see value-kind.ts).
 *   Opaque names get a mix of numbers, UUIDs, tokens and human-readable names: real APIs use all of
 *   them, and readable values (usernames, slugs, words) are what makes templating hard.
 * - A value stays within one segment (`/` is percent-encoded), including for `{+name}` reserved
 *   expansion, which real clients may send with raw slashes; such endpoints are few. The exception
 *   is Azure's scopes and fully qualified ids (`{scope}`, `{resourceUri}`): clients send those as
 *   several segments (`subscriptions/<uuid>/resourceGroups/<rg>`), and so does this generator
 *   (kind `resource-path`); the scorer counts such endpoints as not revealable.
 * - Calls interleave across hosts and endpoints in time order, as an access log does; nothing is
 *   grouped or sorted to help a learner.
 * - Only the path is generated: query strings, headers and bodies are not in scope of templating.
 */
import type { ApiSpec, PathParam, SpecEndpoint } from './openapi-specs.ts';
import { paramsNormalized } from './openapi-specs.ts';
import { forkRng, logUniformInt, shuffle, ZipfSampler, type Rng } from './random.ts';
import { valueKindOf } from './value-kind.ts';
import { domainSize, makeValues, type ValueKind } from './values.ts';

export interface Call {
  readonly host: string;
  readonly method: string;
  /** The request path as sent (percent-encoded where needed). */
  readonly path: string;
  /** Ground truth: the spec template, server base path included. */
  readonly template: string;
}

/** A call plus what the evaluation needs to explain its result. */
export interface TrafficCall extends Call {
  /** Value used for each parameter, in template order. */
  readonly values: readonly string[];
  readonly kinds: readonly ValueKind[];
  /** Pool key of each parameter: `host /users/{}` (who else shares the values). */
  readonly pools: readonly string[];
}

export interface TrafficOptions {
  readonly seed: number;
  readonly calls: number;
  /** Zipf exponent of endpoint popularity (default 1). */
  readonly endpointExponent?: number;
  /** Largest number of distinct values per parameter (default 300). */
  readonly maxDistinct?: number;
}

interface Pool {
  readonly kind: ValueKind;
  readonly values: readonly string[];
  readonly sampler: ZipfSampler;
}

interface Piece {
  /** Literal text before the parameter (already encoded). */
  readonly literal: string;
  readonly poolKey: string;
  readonly param: PathParam;
}

interface PreparedEndpoint {
  readonly host: string;
  readonly endpoint: SpecEndpoint;
  readonly pieces: readonly Piece[];
  readonly tail: string;
}

const PARAM = /\{([^}/]*)\}/g;
const SAMPLER_CACHE = new Map<number, ZipfSampler>();

/** Calls over `specs` in time order: `for (const c of generateTraffic(specs, { seed: 1, calls: 1e5 }))`. */
export function* generateTraffic(specs: readonly ApiSpec[], options: TrafficOptions): Generator<TrafficCall> {
  const poolParams = new Map<string, PathParam>();
  const endpoints = prepare(specs, poolParams);
  if (endpoints.length === 0) return;
  shuffle(forkRng(options.seed, 'endpoint-rank'), endpoints);
  const popularity = new ZipfSampler(endpoints.length, options.endpointExponent ?? 1);
  const rng = forkRng(options.seed, 'calls');
  const pools = new Map<string, Pool>();
  const maxDistinct = options.maxDistinct ?? 300;
  for (let i = 0; i < options.calls; i++) {
    const e = endpoints[popularity.sample(rng)]!;
    let path = '';
    const values: string[] = [];
    const kinds: ValueKind[] = [];
    const poolKeys: string[] = [];
    for (const piece of e.pieces) {
      let pool = pools.get(piece.poolKey);
      if (pool === undefined) {
        pool = makePool(piece.poolKey, poolParams.get(piece.poolKey)!, options.seed, maxDistinct);
        pools.set(piece.poolKey, pool);
      }
      const value = pool.values[pool.sampler.sample(rng)]!;
      path += piece.literal + encodeAs(pool.kind, value);
      values.push(value);
      kinds.push(pool.kind);
      poolKeys.push(piece.poolKey);
    }
    path += e.tail;
    yield {
      host: e.host,
      method: e.endpoint.method,
      path,
      template: e.endpoint.template,
      values,
      kinds,
      pools: poolKeys,
    };
  }
}

/** Splits templates around parameters; `poolParams` gets the first parameter (in spec order) of each pool. */
function prepare(specs: readonly ApiSpec[], poolParams: Map<string, PathParam>): PreparedEndpoint[] {
  const out: PreparedEndpoint[] = [];
  for (const api of specs) {
    for (const endpoint of api.endpoints) {
      const pieces: Piece[] = [];
      let last = 0;
      for (const match of endpoint.template.matchAll(PARAM)) {
        const end = match.index + match[0].length;
        const prefix = paramsNormalized(endpoint.template.slice(0, end)).toLowerCase();
        const poolKey = `${api.host} ${prefix}`;
        const param = endpoint.params.get(match[1]!) ?? {
          name: match[1]!,
          schema: {},
          description: '',
          examples: [],
        };
        if (!poolParams.has(poolKey)) poolParams.set(poolKey, param);
        pieces.push({ literal: encodeURI(endpoint.template.slice(last, match.index)), poolKey, param });
        last = end;
      }
      out.push({ host: api.host, endpoint, pieces, tail: encodeURI(endpoint.template.slice(last)) });
    }
  }
  return out;
}

/** A pool depends only on the seed and its key, never on which call happened to create it. */
function makePool(key: string, param: PathParam, seed: number, maxDistinct: number): Pool {
  const rng: Rng = forkRng(seed, key);
  let kind = valueKindOf(param, rng);
  const wanted = Math.min(logUniformInt(rng, 1, maxDistinct), domainSize(kind, param));
  let values = makeValues(kind, param, Math.max(1, wanted), rng);
  if (values.length === 0) {
    kind = 'resource-name';
    values = makeValues(kind, param, Math.max(1, wanted), rng);
  }
  let sampler = SAMPLER_CACHE.get(values.length);
  if (sampler === undefined) {
    sampler = new ZipfSampler(values.length);
    SAMPLER_CACHE.set(values.length, sampler);
  }
  return { kind, values, sampler };
}

/** Resource paths keep their slashes; ARNs go fully encoded (`arn%3Aaws%3A...`), as AWS SDKs send path labels. */
function encodeAs(kind: ValueKind, value: string): string {
  if (kind === 'resource-path') return encodeURI(value);
  return kind === 'arn' ? encodeURIComponent(value) : encodeValue(value);
}

/** Percent-encodes what cannot appear raw in a path segment; keeps `@`, `:`, `,` as clients do. */
function encodeValue(value: string): string {
  return encodeURI(value).replace(/[/?#;]/g, (c) => encodeURIComponent(c));
}
