/**
 * How an endpoint aggregate is stored: one inventory item per (tenant, host, method, template).
 * `endpointDelta` turns a group of calls into the delta `applyItemDelta` writes.
 */
import type { ApiCall } from '#events/api-call.schema';
import { inventoryKeys } from '#shared/tables/keys';
import { redactPath } from '#shared/inventory/redact-path';
import { createHll } from '#shared/inventory/hll';
import type { ItemDelta } from './apply-delta.ts';
import type { ItemShape } from './move-item.ts';
import type { MonotoneFields } from './monotone.ts';

const SAMPLE_LIMIT = 5;
const COUNTER = /^(calls|s[1-5]xx|sOther|latencyMsSum|bytesIn|bytesOut|auth_[a-z-]+)$/;

export interface EndpointIdentity {
  readonly tenant: string;
  readonly host: string;
  readonly method: string;
  readonly template: string;
}

export function endpointKey(id: EndpointIdentity): Record<string, string> {
  return {
    pk: inventoryKeys.partition(id.tenant),
    sk: inventoryKeys.endpoint(id.host, id.method, id.template),
  };
}

/** The delta for `calls`, all of which the templater mapped to `id.template`. */
export function endpointDelta(id: EndpointIdentity, calls: readonly ApiCall[], now: string): ItemDelta {
  const counters: Record<string, number> = { calls: calls.length };
  let firstSeen = calls[0]!.time;
  let lastSeen = firstSeen;
  let latencyMsMax = 0;
  const clients = createHll();
  const samples = new Set<string>();
  for (const call of calls) {
    if (call.time < firstSeen) firstSeen = call.time;
    if (call.time > lastSeen) lastSeen = call.time;
    const statusClass =
      call.status >= 100 && call.status < 600 ? `s${Math.floor(call.status / 100)}xx` : 'sOther';
    counters[statusClass] = (counters[statusClass] ?? 0) + 1;
    if (call.latencyMs !== undefined) {
      counters.latencyMsSum = (counters.latencyMsSum ?? 0) + call.latencyMs;
      if (call.latencyMs > latencyMsMax) latencyMsMax = call.latencyMs;
    }
    counters.bytesIn = (counters.bytesIn ?? 0) + (call.bytesIn ?? 0);
    counters.bytesOut = (counters.bytesOut ?? 0) + (call.bytesOut ?? 0);
    const auth = `auth_${call.authScheme ?? 'unknown'}`;
    counters[auth] = (counters[auth] ?? 0) + 1;
    if (call.clientIp !== undefined) clients.add(call.clientIp);
    if (samples.size < SAMPLE_LIMIT) samples.add(redactPath(call.path));
  }
  return {
    key: endpointKey(id),
    identity: { kind: 'endpoint', host: id.host, method: id.method, path: id.template },
    counters,
    latest: { updatedAt: now },
    monotone: {
      min: { firstSeen },
      max: { lastSeen, latencyMsMax },
      sketches: { clients: clients.toBase64() },
      sets: { samples: { values: [...samples], limit: SAMPLE_LIMIT } },
    },
  };
}

/** Which attributes add up and which merge monotonically, for moving items on template merges. */
export const endpointItemShape: ItemShape = {
  isCounter: (attribute) => COUNTER.test(attribute),
  monotoneOf: (item): MonotoneFields => ({
    min: { firstSeen: item.firstSeen as string },
    max: { lastSeen: item.lastSeen as string, latencyMsMax: (item.latencyMsMax as number | undefined) ?? 0 },
    sketches: item.clients === undefined ? {} : { clients: item.clients as string },
    sets: { samples: { values: (item.samples as string[] | undefined) ?? [], limit: SAMPLE_LIMIT } },
  }),
};
