/**
 * Owns module state: one call classifier per loaded tenant configuration (and geo lookup), so its
 * caller caches live exactly as long as the configuration stays cached (cachedTenantConfig).
 */
import { createCallClassifier, type CallClassifier } from '#shared/classify/call-classifier';
import type { GeoLookup } from '#shared/classify/geo';
import type { TenantConfig } from './tenant-config.ts';

const classifiers = new WeakMap<TenantConfig, WeakMap<object, CallClassifier>>();
const NO_GEO = {};

/** `tenantClassifier(config, geo).caller(call)`: the same object for the same configuration. */
export function tenantClassifier(config: TenantConfig, geo: GeoLookup | undefined): CallClassifier {
  let byGeo = classifiers.get(config);
  if (byGeo === undefined) classifiers.set(config, (byGeo = new WeakMap()));
  let classifier = byGeo.get(geo ?? NO_GEO);
  if (classifier === undefined)
    byGeo.set(geo ?? NO_GEO, (classifier = createCallClassifier(config.settings, geo)));
  return classifier;
}
