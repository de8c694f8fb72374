/**
 * The normalized view of an OpenAPI 2.0 / 3.0 / 3.1 document that conformance checks need: where the
 * API lives (hosts, base paths) and what it documents (operations, their status codes, deprecation).
 */

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface SpecOperation {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path key as written in the document, relative to the base paths: `/users/{id}`. */
  readonly path: string;
  readonly operationId?: string;
  readonly deprecated: boolean;
  /** Documented responses as written: exact codes (`200`), ranges (`2XX`) and `default`. */
  readonly statuses: readonly string[];
}

export interface SpecModel {
  readonly title: string;
  readonly version: string;
  readonly openapi: '2.0' | '3.0' | '3.1';
  /** Lower-case host names without port; empty means the spec applies to any host it is attached to. */
  readonly hosts: readonly string[];
  /** Path prefixes the operations sit under, without trailing slash (`''` for the root, `/v1`). */
  readonly basePaths: readonly string[];
  readonly operations: readonly SpecOperation[];
}

type Json = Record<string, unknown>;

/** Builds the model from a validated, dereferenced document. */
export function toSpecModel(doc: Json): SpecModel {
  const info = (doc.info ?? {}) as Json;
  const version =
    typeof doc.swagger === 'string' ? '2.0' : String(doc.openapi).startsWith('3.1') ? '3.1' : '3.0';
  const { hosts, basePaths } = version === '2.0' ? swaggerLocation(doc) : serverLocations(doc);
  return {
    title: String(info.title ?? ''),
    version: String(info.version ?? ''),
    openapi: version,
    hosts,
    basePaths,
    operations: operationsOf(doc),
  };
}

function operationsOf(doc: Json): SpecOperation[] {
  const operations: SpecOperation[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    if (item === null || typeof item !== 'object') continue;
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (op === undefined || op === null || typeof op !== 'object') continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        ...(typeof op.operationId === 'string' && { operationId: op.operationId }),
        deprecated: op.deprecated === true,
        statuses: Object.keys((op.responses ?? {}) as Json).map((s) =>
          s.toUpperCase().replace('DEFAULT', 'default'),
        ),
      });
    }
  }
  return operations;
}

function swaggerLocation(doc: Json): { hosts: string[]; basePaths: string[] } {
  const hosts = typeof doc.host === 'string' && doc.host !== '' ? [stripPort(doc.host)] : [];
  return { hosts, basePaths: [trimBase(typeof doc.basePath === 'string' ? doc.basePath : '')] };
}

function serverLocations(doc: Json): { hosts: string[]; basePaths: string[] } {
  const servers =
    Array.isArray(doc.servers) && doc.servers.length > 0 ? (doc.servers as Json[]) : [{ url: '/' }];
  const hosts = new Set<string>();
  const basePaths = new Set<string>();
  for (const server of servers) {
    const url = expandVariables(String(server.url ?? '/'), (server.variables ?? {}) as Record<string, Json>);
    const parsed = parseServerUrl(url);
    if (parsed.host !== undefined) hosts.add(parsed.host);
    basePaths.add(parsed.basePath);
  }
  return { hosts: [...hosts], basePaths: [...basePaths] };
}

/** `https://{env}.example.com/{v}` with defaults env=api, v=v1 -> `https://api.example.com/v1`. */
export function expandVariables(url: string, variables: Record<string, Json>): string {
  return url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = variables[name]?.default;
    return value === undefined ? whole : String(value);
  });
}

/** Host (if absolute) and base path of a server URL; relative URLs (`/v1`, `v1`) have no host. */
export function parseServerUrl(url: string): { host?: string; basePath: string } {
  const absolute =
    /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)/i.exec(url) ?? /^\/\/([^/?#]*)([^?#]*)/.exec(url);
  if (absolute) {
    const host = stripPort(absolute[1] ?? '');
    return { ...(host !== '' && !host.includes('{') && { host }), basePath: trimBase(absolute[2] ?? '') };
  }
  const path = url.split(/[?#]/)[0] ?? '';
  return { basePath: trimBase(path.startsWith('/') ? path : `/${path}`) };
}

function stripPort(host: string): string {
  const at = host.lastIndexOf('@');
  const bare = at >= 0 ? host.slice(at + 1) : host;
  return bare.replace(/:\d*$/, '').toLowerCase();
}

function trimBase(path: string): string {
  return path.replace(/\/+$/, '');
}
