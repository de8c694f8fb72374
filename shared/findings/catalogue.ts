/**
 * The built-in finding types. Texts are written for the security engineer who triages them: what was
 * seen, why it matters, and what to do first. Custom rules add `custom:<rule-id>` types at run time.
 */

import { EXTERNAL_CATALOGUE, EXTERNAL_FINDING_TYPES } from './catalogue-external.ts';

import { SEVERITIES, type Severity } from './severity.ts';

export { SEVERITIES, type Severity };

/** Types judged from traffic (logs); the external ones come from scans. */
export const RUNTIME_FINDING_TYPES = [
  'shadow-endpoint',
  'zombie-endpoint',
  'method-not-in-spec',
  'undocumented-status',
  'unused-endpoint',
  'sensitive-data-in-url',
  'unauthenticated-endpoint',
  'weak-auth',
  'non-production-host',
  'unusual-geography',
] as const;
/** Runtime (from traffic) and external (from scans, `catalogue-external.ts`) types. */
export const BUILT_IN_FINDING_TYPES = [...RUNTIME_FINDING_TYPES, ...EXTERNAL_FINDING_TYPES] as const;
export type BuiltInFindingType = (typeof BUILT_IN_FINDING_TYPES)[number];
type RuntimeFindingType = (typeof RUNTIME_FINDING_TYPES)[number];
export type CustomFindingType = `custom:${string}`;
export type FindingType = BuiltInFindingType | CustomFindingType;

export interface FindingDefinition {
  readonly type: BuiltInFindingType;
  readonly severity: Severity;
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
}

const RUNTIME_CATALOGUE: Readonly<Record<RuntimeFindingType, FindingDefinition>> = {
  'shadow-endpoint': {
    type: 'shadow-endpoint',
    severity: 'high',
    title: 'Shadow endpoint: called in production but absent from the API specification',
    description:
      'Traffic reaches a path that no operation of the OpenAPI document covering this host describes. ' +
      'Undocumented endpoints escape design review, security testing and gateway policies built from the ' +
      'spec; they are often debug routes, old versions or features shipped without an owner.',
    remediation:
      'Find the owning team from the host and path; either document the operation (and give it the same ' +
      'authentication and validation as its neighbours) or remove the route. Until then, consider a WAF ' +
      'rule that blocks paths outside the spec (surveyor export waf).',
  },
  'zombie-endpoint': {
    type: 'zombie-endpoint',
    severity: 'medium',
    title: 'Zombie endpoint: deprecated operation still receives traffic',
    description:
      'The specification marks this operation deprecated, yet clients still call it. Deprecated code paths ' +
      'tend to miss security fixes and monitoring, and keep old data exposures alive.',
    remediation:
      'Identify the remaining callers (user agents, source IPs, API keys) and move them to the replacement ' +
      'operation; announce a sunset date (Sunset/Deprecation headers), then remove the route.',
  },
  'method-not-in-spec': {
    type: 'method-not-in-spec',
    severity: 'high',
    title: 'Method not in spec: the path accepts an HTTP method its specification does not document',
    description:
      'The path is documented, but not for this method, and the service answered it with something other ' +
      'than 404/405. A write method (POST/PUT/PATCH/DELETE) accepted on a read-only resource is a classic ' +
      'route to unauthorised changes (mass assignment, verb tampering).',
    remediation:
      'Make the framework or gateway reject undocumented methods with 405 Method Not Allowed; if the method ' +
      'is intended, document it with its security requirements. A WAF rule can block it meanwhile.',
  },
  'undocumented-status': {
    type: 'undocumented-status',
    severity: 'low',
    title: 'Undocumented status code returned',
    description:
      'The operation returned a status code that its responses do not list and no `default` response ' +
      'covers. Unexpected 5xx often leak stack traces; unexpected 2xx/3xx can mean behaviour that ' +
      'clients and security tests do not know about.',
    remediation:
      'Check what produces this status (logs around the last-seen time); fix the error path or add the ' +
      'response to the specification, with a schema that excludes internal details.',
  },
  'unused-endpoint': {
    type: 'unused-endpoint',
    severity: 'info',
    title: 'Unused endpoint: documented but never called',
    description:
      'The specification documents this operation but no traffic reached it in the observed period. ' +
      'Unused operations are attack surface without business value, or the spec is out of date.',
    remediation:
      'Confirm with the owning team; retire the operation (and its code) or fix the specification. ' +
      'If it is only seasonal, acknowledge this finding with the reason.',
  },
  'sensitive-data-in-url': {
    type: 'sensitive-data-in-url',
    severity: 'high',
    title: 'Sensitive data in the URL',
    description:
      'Personal or secret data (e.g. e-mail addresses, card numbers, tokens) appears in the path or query ' +
      'string. URLs are written to access logs, proxies, browser history and Referer headers, so the data ' +
      'spreads to systems that were never meant to hold it.',
    remediation:
      'Move the data to the request body or a header (POST for searches by e-mail, Authorization for ' +
      'tokens); use opaque identifiers in paths; purge or restrict the logs that already contain it and ' +
      'rotate any credential seen.',
  },
  'unauthenticated-endpoint': {
    type: 'unauthenticated-endpoint',
    severity: 'high',
    title: 'Unauthenticated access to a sensitive or state-changing endpoint',
    description:
      'Calls succeeded without any authentication on an endpoint that changes state (POST/PUT/PATCH/' +
      'DELETE) or whose path suggests sensitive data or administration (admin, users, payments, internal).',
    remediation:
      'Put an authorizer in front of the route (API Gateway authorizer, ALB authenticate action, or the ' +
      'application middleware) and verify object-level authorisation; if the endpoint is public by design, ' +
      'acknowledge this finding with the reason.',
  },
  'weak-auth': {
    type: 'weak-auth',
    severity: 'medium',
    title: 'Weak authentication or transport',
    description:
      'Callers authenticate with HTTP Basic, send credentials in the query string, or use TLS older than ' +
      '1.2. Basic credentials are long-lived and replayable, query-string credentials end up in logs, and ' +
      'TLS 1.0/1.1 have known weaknesses and are no longer allowed by PCI DSS.',
    remediation:
      'Move to short-lived tokens (OAuth 2.0/OIDC, SigV4) sent in headers; rotate credentials already ' +
      'logged; set the listener or custom domain security policy to TLS 1.2 minimum ' +
      '(e.g. ELBSecurityPolicy-TLS13-1-2-2021-06, API Gateway TLS_1_2).',
  },
  'non-production-host': {
    type: 'non-production-host',
    severity: 'medium',
    title: 'Non-production host reachable from the internet',
    description:
      'A development, test or staging host receives calls from external networks. Non-production ' +
      'environments usually have weaker controls, debug features and copies of real data.',
    remediation:
      'Restrict the host to corporate networks (security group, WAF IP set, private API endpoint) or put ' +
      'it behind SSO; make sure it holds no production data or secrets.',
  },
  'unusual-geography': {
    type: 'unusual-geography',
    severity: 'low',
    title: 'Calls from unexpected countries or networks',
    description:
      'The endpoint receives calls from countries or autonomous systems outside the set the tenant expects. ' +
      'This can reveal credential stuffing, scraping, or an integration nobody approved.',
    remediation:
      'Review the callers (user agents, API keys) from the listed countries/ASNs; if they are not legitimate, ' +
      'add a WAF geo or ASN match rule; otherwise add them to the expected set in the tenant settings.',
  },
};

export const CATALOGUE: Readonly<Record<BuiltInFindingType, FindingDefinition>> = {
  ...RUNTIME_CATALOGUE,
  ...(Object.fromEntries(
    EXTERNAL_FINDING_TYPES.map((type) => [type, { type, ...EXTERNAL_CATALOGUE[type] }]),
  ) as Record<(typeof EXTERNAL_FINDING_TYPES)[number], FindingDefinition>),
};

/** True for the names in the built-in catalogue: `isBuiltInType('weak-auth') === true`. */
export function isBuiltInType(type: string): type is BuiltInFindingType {
  return Object.hasOwn(CATALOGUE, type);
}

/** Rank for sorting, most severe first: `severityRank('critical') === 0`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
