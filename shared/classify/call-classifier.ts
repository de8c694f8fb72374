/**
 * One tenant's view of its calls: who is internal (private ranges plus the tenant's CIDRs), where
 * external callers come from (country, ASN), and which hosts are non-production. Built once per
 * tenant configuration and shared by the CLI's aggregator and the pipeline's endpoint deltas, so both
 * classify a call the same way.
 */
import type { ApiCall } from '#events/api-call.schema';
import type { TenantSettings } from '#events/risk-rules.schema';
import { createEnvironmentClassifier, type EnvironmentClassifier } from './environment.ts';
import type { GeoLookup } from './geo.ts';
import { classifyAddress, compileCidrs, type CidrSet } from './network.ts';
import { RecentCache } from './recent-cache.ts';

/** What one call says about its caller. Internal callers carry no geography: it would be noise. */
export interface CallerTraits {
  readonly external: boolean;
  /** ISO 3166 alpha-2 code of an external caller, when the databases know it. */
  readonly country?: string;
  /** `AS16509`-style ASN of an external caller, when known. */
  readonly asn?: string;
}

export interface CallClassifier {
  caller(call: Pick<ApiCall, 'clientIp'>): CallerTraits;
  /** `production`, or the non-production environment the host name shows. */
  readonly environment: EnvironmentClassifier;
}

const INTERNAL: CallerTraits = Object.freeze({ external: false });
const EXTERNAL_UNKNOWN: CallerTraits = Object.freeze({ external: true });

/**
 * `createCallClassifier({ internalCidrs: ['203.0.113.0/24'] }, createGeoLookup())`; without a geo
 * lookup, external callers have no country or ASN. A call without a client address is internal:
 * nothing shows that it came from outside.
 */
export function createCallClassifier(settings: TenantSettings = {}, geo?: GeoLookup): CallClassifier {
  const cidrs: CidrSet = compileCidrs(settings.internalCidrs ?? []);
  const environment = tenantEnvironment(settings);
  // Callers repeat: one Map lookup per call instead of a range check and a geo lookup.
  const recent = new RecentCache<CallerTraits>(20_000);
  const classify = (ip: string): CallerTraits => {
    if (classifyAddress(ip, cidrs) === 'internal') return INTERNAL;
    const info = geo?.lookup(ip);
    if (info?.country === undefined && info?.asn === undefined) return EXTERNAL_UNKNOWN;
    return Object.freeze({
      external: true,
      ...(info.country !== undefined && { country: info.country }),
      ...(info.asn !== undefined && { asn: `AS${info.asn}` }),
    });
  };
  return {
    environment,
    caller({ clientIp }) {
      if (clientIp === undefined) return INTERNAL;
      let traits = recent.get(clientIp);
      if (traits === undefined) recent.set(clientIp, (traits = classify(clientIp)));
      return traits;
    },
  };
}

/** Host environments with the tenant's own non-production and production tokens. */
export function tenantEnvironment(settings: TenantSettings): EnvironmentClassifier {
  return createEnvironmentClassifier({
    extraTokens: settings.nonProductionTokens ?? [],
    ignoredTokens: settings.productionTokens ?? [],
  });
}

/** The classifier with no tenant settings and no geography. */
export const defaultCallClassifier = createCallClassifier();

/**
 * Classifies no caller (everyone internal, no lookups): only for measuring what caller
 * classification costs (`analyzeLogs` with `classify: false`, bench/classification-overhead.ts).
 */
export const noCallerClassifier: CallClassifier = {
  environment: defaultCallClassifier.environment,
  caller: () => INTERNAL,
};
