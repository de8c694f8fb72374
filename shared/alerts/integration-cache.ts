/**
 * Owns a per-container cache of each tenant's active integrations (secrets opened), so a busy
 * stream does not query and decrypt on every batch. An added, removed or disabled integration is
 * seen within `ttlMs`.
 */
import { loadActiveIntegrations, type ActiveIntegration, type IntegrationStore } from './integrations.ts';

export function cachedIntegrations(
  store: IntegrationStore,
  ttlMs: number,
  now: () => number = Date.now,
): (tenant: string) => Promise<readonly ActiveIntegration[]> {
  const cache = new Map<string, { at: number; value: Promise<ActiveIntegration[]> }>();
  return (tenant) => {
    const hit = cache.get(tenant);
    if (hit !== undefined && now() - hit.at < ttlMs) return hit.value;
    const value = loadActiveIntegrations(store, tenant);
    cache.set(tenant, { at: now(), value });
    value.catch(() => cache.delete(tenant));
    return value;
  };
}
