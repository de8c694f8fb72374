/**
 * An OpenAPI 3.1 document of what traffic revealed: one server per host, every path parameter
 * declared, observed status codes as responses, and Surveyor's counts in `x-surveyor`.
 */
import type { EndpointSummary } from '#events/endpoint-summary.schema';

type PathItem = Record<string, unknown> & { servers?: { url: string }[]; parameters?: unknown[] };

/** `toOpenApi(report.endpoints, { title: 'Discovered APIs' })` -> a plain OpenAPI 3.1 object. */
export function toOpenApi(
  endpoints: readonly EndpointSummary[],
  info = { title: 'APIs discovered by Surveyor', version: '1.0.0' },
): Record<string, unknown> {
  const hosts = [...new Set(endpoints.map((e) => e.host))].sort();
  const hostsByPath = new Map<string, Set<string>>();
  const paths: Record<string, PathItem> = {};
  for (const e of endpoints) {
    const item = (paths[e.path] ??= { parameters: parametersOf(e.path) });
    if (item.parameters?.length === 0) delete item.parameters;
    (hostsByPath.get(e.path) ?? hostsByPath.set(e.path, new Set()).get(e.path)!).add(e.host);
    const method = e.method.toLowerCase();
    if (!HTTP_METHODS.has(method)) continue;
    item[method] = {
      operationId: operationId(e),
      responses: responsesOf(e),
      'x-surveyor': {
        host: e.host,
        calls: e.calls,
        firstSeen: e.firstSeen,
        lastSeen: e.lastSeen,
        clients: e.clients,
      },
    };
  }
  for (const [path, served] of hostsByPath) {
    if (served.size < hosts.length)
      paths[path]!.servers = [...served].sort().map((h) => ({ url: `https://${h}` }));
  }
  return { openapi: '3.1.0', info, servers: hosts.map((h) => ({ url: `https://${h}` })), paths };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** One declaration per name: a function call's argument may repeat a path parameter's name. */
function parametersOf(template: string): unknown[] {
  const names = new Set([...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!));
  return [...names].map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

function responsesOf(e: EndpointSummary): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [cls, n] of Object.entries(e.status)) {
    if (n > 0 && cls !== 'other')
      responses[cls.toUpperCase()] = { description: `${n} calls answered ${cls}` };
  }
  if (Object.keys(responses).length === 0) responses.default = { description: 'no status observed' };
  return responses;
}

function operationId(e: EndpointSummary): string {
  return `${e.method.toLowerCase()}_${e.host}_${e.path}`.replace(/[^A-Za-z0-9_]+/g, '_');
}
