/**
 * Reads a tenant's inventory back in the shape `surveyor analyze --json` prints, so the CLI, the
 * portal and tests compare stored and analyzed inventories directly.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import { classifyEndpoint } from '#shared/classify/endpoint-classification';
import { classifyEnvironment, type EnvironmentClassifier } from '#shared/classify/environment';
import { hllFromBase64 } from '#shared/inventory/hll';
import { Templater, type TemplateStateJson } from '#shared/inventory/templater';
import { inventoryKeys } from '#shared/tables/keys';
import { queryPrefix } from '#shared/tables/query-prefix';
import { endpointItemShape } from './endpoint-item.ts';
import { mergeMonotone } from './monotone.ts';

/**
 * Every endpoint of `tenant`, sorted by host, path, then method. `environment` names hosts' environments
 * with the tenant's tokens (the built-in ones by default); an aborted `signal` stops the reads.
 */
export async function readInventory(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  environment: EnvironmentClassifier = classifyEnvironment,
  signal?: AbortSignal,
): Promise<EndpointSummary[]> {
  const items = await queryPrefix(doc, tableName, tenant, inventoryKeys.endpointPrefix(), signal);
  const templater = new Templater();
  for (const state of await queryPrefix(doc, tableName, tenant, 'TPL#', signal)) {
    templater.importState(state.host as string, JSON.parse(state.state as string) as TemplateStateJson);
  }
  // An item written by a shard that had not yet seen a merge is folded into the merged template here.
  const byEndpoint = new Map<string, Record<string, unknown>>();
  for (const item of items) {
    const path = templater.resolveTemplate(item.host as string, item.path as string);
    const key = `${item.host as string} ${item.method as string} ${path}`;
    const existing = byEndpoint.get(key);
    byEndpoint.set(key, existing === undefined ? { ...item, path } : foldItem(existing, item));
  }
  const endpoints = [...byEndpoint.values()].map((item) => toSummary(item, environment));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return endpoints.sort((x, y) => cmp(x.host, y.host) || cmp(x.path, y.path) || cmp(x.method, y.method));
}

function foldItem(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  const out = { ...into };
  for (const [attr, value] of Object.entries(from)) {
    if (typeof value === 'number' && endpointItemShape.isCounter(attr))
      out[attr] = ((out[attr] as number | undefined) ?? 0) + value;
  }
  return { ...out, ...mergeMonotone(out, endpointItemShape.monotoneOf(from)) };
}

/** One stored endpoint item (or several folded into one) as an inventory summary. */
export function toSummary(
  item: Record<string, unknown>,
  environment: EnvironmentClassifier,
): EndpointSummary {
  const n = (key: string) => (item[key] as number | undefined) ?? 0;
  const list = (key: string) => (item[key] as string[] | undefined) ?? [];
  const auth: Record<string, number> = {};
  const tlsProtocols: Record<string, number> = {};
  for (const [key, value] of Object.entries(item)) {
    if (key.startsWith('auth_')) auth[key.slice(5)] = value as number;
    else if (key.startsWith('tls_')) tlsProtocols[key.slice(4)] = value as number;
  }
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
    externalCalls: n('extCalls'),
    sensitiveCalls: n('sensCalls'),
    auth,
    samples: list('samples'),
    tlsProtocols,
    classification: classifyEndpoint(
      {
        host: item.host as string,
        auth,
        externalCalls: n('extCalls'),
        sensitive: list('sensitive'),
        countries: list('countries'),
        asns: list('asns'),
      },
      environment,
    ),
  };
  if (item.latencyMsSum !== undefined && calls > 0) {
    summary.latencyMsAvg = Math.round((n('latencyMsSum') / calls) * 1000) / 1000;
    summary.latencyMsMax = n('latencyMsMax');
  }
  return summary;
}
