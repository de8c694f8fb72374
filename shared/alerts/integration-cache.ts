/**
 * Owns a per-container cache of each tenant's active integrations (secrets opened), so a busy
 * stream does not query and decrypt on every batch. An added, removed or disabled integration is
 * seen within `ttlMs`.
 */
import { loadActiveIntegrations, type ActiveIntegration, type IntegrationStore } from './integrations.ts';

export interface IntegrationCache {
  (tenant: string): Promise<readonly ActiveIntegration[]>;
  /** Drops a tenant's entry (its integrations changed here, e.g. one was disabled). */
  forget(tenant: string): void;
}

export function cachedIntegrations(
  store: IntegrationStore,
  ttlMs: number,
  now: () => number = Date.now,
): IntegrationCache {
  const cache = new Map<string, { at: number; value: Promise<ActiveIntegration[]> }>();
  const lookup = (tenant: string) => {
    const hit = cache.get(tenant);
    if (hit !== undefined && now() - hit.at < ttlMs) return hit.value;
    const value = loadActiveIntegrations(store, tenant);
    cache.set(tenant, { at: now(), value });
    value.catch(() => cache.delete(tenant));
    return value;
  };
  return Object.assign(lookup, { forget: (tenant: string) => void cache.delete(tenant) });
}
