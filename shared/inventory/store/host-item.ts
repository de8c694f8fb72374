/** One inventory item per (tenant, host): call totals and first/last seen. */
import type { ApiCall } from '#events/api-call.schema';
import { inventoryKeys } from '#shared/tables/keys';
import type { ItemDelta } from './apply-delta.ts';

export function hostDelta(tenant: string, host: string, calls: readonly ApiCall[], now: string): ItemDelta {
  let firstSeen = calls[0]!.time;
  let lastSeen = firstSeen;
  for (const call of calls) {
    if (call.time < firstSeen) firstSeen = call.time;
    if (call.time > lastSeen) lastSeen = call.time;
  }
  return {
    key: { pk: inventoryKeys.partition(tenant), sk: inventoryKeys.host(host) },
    identity: { kind: 'host', host },
    counters: { calls: calls.length },
    latest: { updatedAt: now },
    monotone: { min: { firstSeen }, max: { lastSeen } },
  };
}
