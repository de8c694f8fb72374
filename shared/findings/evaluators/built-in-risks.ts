/**
 * Evaluator: the built-in risk categories that need no spec (sensitive data in URLs, missing or weak
 * authentication, non-production hosts reached from outside, unexpected geography).
 */
import { candidate, type FindingCandidate } from '#shared/findings/candidate';
import {
  authOf,
  countOf,
  namesOf,
  observedStatuses,
  type EndpointFacts,
} from '#shared/findings/endpoint-facts';
import { isNonProductionHost } from '#shared/classify/environment';

export interface TenantRiskSettings {
  /** ISO 3166 alpha-2 codes callers are expected from; unset means geography is not judged. */
  readonly expectedCountries?: readonly string[];
  /** ASNs callers are expected from (`16509` or `AS16509`). */
  readonly expectedAsns?: readonly (string | number)[];
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Whole segments only: substrings would flag `/usersettings-help` or `/administrative-areas`.
const SENSITIVE_SEGMENT =
  /^(admin|administrator|internal|private|debug|actuator|management|manage|config|users?|accounts?|customers?|profiles?|payments?|billing|invoices?|cards?|wallets?|transfers?|orders?|secrets?|tokens?|keys?|credentials?|passwords?)$/i;
const WEAK_TLS = new Set(['sslv3', 'tlsv1', 'tlsv1.0', 'tlsv1.1', 'tls1.0', 'tls1.1']);

/**
 * The built-in risk findings that need no spec: sensitive data in URLs, missing or weak
 * authentication, non-production hosts exposed, unexpected geography.
 * @example evaluateBuiltInRisks(inventory, { expectedCountries: ['DE', 'FR'] })
 */
export function evaluateBuiltInRisks(
  endpoints: readonly EndpointFacts[],
  settings: TenantRiskSettings = {},
): FindingCandidate[] {
  return endpoints.flatMap((endpoint) =>
    [
      sensitiveInUrl(endpoint),
      unauthenticated(endpoint),
      weakAuth(endpoint),
      nonProduction(endpoint),
      unusualGeography(endpoint, settings),
    ].filter((c): c is FindingCandidate => c !== undefined),
  );
}

function sensitiveInUrl(endpoint: EndpointFacts): FindingCandidate | undefined {
  const types = endpoint.sensitive ?? [];
  return types.length > 0
    ? candidate('sensitive-data-in-url', endpoint, { dataTypes: [...types] }, endpoint.sensitiveCalls)
    : undefined;
}

/** True for state-changing methods and paths that name admin, identity or money resources. */
export function looksSensitive(method: string, path: string): boolean {
  return MUTATING.has(method.toUpperCase()) || path.split('/').some((s) => SENSITIVE_SEGMENT.test(s));
}

function unauthenticated(endpoint: EndpointFacts): FindingCandidate | undefined {
  const schemes = authOf(endpoint);
  if (!schemes.includes('none') || !looksSensitive(endpoint.method, endpoint.path)) return undefined;
  // Unauthenticated calls that all failed (401/403 only) show the control works; codes, else classes.
  const codes = observedStatuses(endpoint);
  if (codes.length > 0 && codes.every((c) => c.startsWith('4'))) return undefined;
  const unauthenticatedCalls = countOf(endpoint.authSchemes, 'none');
  return candidate(
    'unauthenticated-endpoint',
    endpoint,
    {
      unauthenticatedCalls,
      otherSchemes: schemes.filter((s) => s !== 'none'),
      mutating: MUTATING.has(endpoint.method.toUpperCase()),
    },
    unauthenticatedCalls || undefined,
  );
}

function weakAuth(endpoint: EndpointFacts): FindingCandidate | undefined {
  const schemes = authOf(endpoint);
  const reasons: string[] = [];
  if (schemes.includes('basic')) reasons.push('basic');
  if (schemes.includes('credential-in-query')) reasons.push('credential-in-query');
  const oldTls = namesOf(endpoint.tlsProtocols).filter((p) => WEAK_TLS.has(p.toLowerCase()));
  if (oldTls.length > 0) reasons.push('tls-below-1.2');
  if (reasons.length === 0) return undefined;
  const weakCalls =
    countOf(endpoint.authSchemes, 'basic') +
    countOf(endpoint.authSchemes, 'credential-in-query') +
    oldTls.reduce((sum, p) => sum + countOf(endpoint.tlsProtocols, p), 0);
  return candidate('weak-auth', endpoint, { reasons, weakTlsProtocols: oldTls }, weakCalls || undefined);
}

function nonProduction(endpoint: EndpointFacts): FindingCandidate | undefined {
  if (endpoint.exposure !== 'external') return undefined;
  const env = endpoint.environment?.toLowerCase();
  const nonProd =
    env !== undefined ? env !== 'production' && env !== 'prod' : isNonProductionHost(endpoint.host);
  if (!nonProd) return undefined;
  return candidate(
    'non-production-host',
    endpoint,
    { environment: env ?? 'inferred-from-host-name' },
    endpoint.externalCalls,
  );
}

function unusualGeography(
  endpoint: EndpointFacts,
  settings: TenantRiskSettings,
): FindingCandidate | undefined {
  const expectedCountries = new Set((settings.expectedCountries ?? []).map((c) => c.toUpperCase()));
  const expectedAsns = new Set(
    (settings.expectedAsns ?? []).map((a) => String(a).toUpperCase().replace(/^AS/, '')),
  );
  const countries =
    expectedCountries.size > 0
      ? namesOf(endpoint.countries).filter((c) => !expectedCountries.has(c.toUpperCase()))
      : [];
  const asns =
    expectedAsns.size > 0
      ? namesOf(endpoint.asns).filter((a) => !expectedAsns.has(a.toUpperCase().replace(/^AS/, '')))
      : [];
  if (countries.length === 0 && asns.length === 0) return undefined;
  const calls = [
    ...countries.map((c) => countOf(endpoint.countries, c)),
    ...asns.map((a) => countOf(endpoint.asns, a)),
  ];
  // Stored endpoints list countries without counts: it recurs when a new unexpected source appears.
  return candidate(
    'unusual-geography',
    endpoint,
    {
      unexpectedCountries: countries,
      unexpectedAsns: asns,
      unexpectedCalls: calls.reduce((a, b) => a + b, 0),
    },
    countries.length + asns.length,
  );
}
