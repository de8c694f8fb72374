/**
 * Evaluator: traffic against the tenant's OpenAPI documents (shadow, zombie, method-not-in-spec,
 * undocumented status, unused operations).
 */
import { CATALOGUE } from '#shared/findings/catalogue';
import { candidate, endpointSubject, type Evidence, type FindingCandidate } from '#shared/findings/candidate';
import type { EndpointFacts } from '#shared/findings/endpoint-facts';
import {
  compileSpec,
  coversHost,
  matchPath,
  type CompiledSpec,
  type MatchResult,
} from '#shared/openapi/match';
import type { SpecModel, SpecOperation } from '#shared/openapi/spec-model';
import { observedStatuses } from '#shared/findings/endpoint-facts';
import { isDocumentedStatus, showsAccepted } from './status-coverage.ts';

/** What conformance reads of an endpoint: identity, counters and observed statuses. */
export type ObservedEndpoint = Pick<
  EndpointFacts,
  'host' | 'method' | 'path' | 'calls' | 'firstSeen' | 'lastSeen' | 'statusCodes' | 'statusClasses'
>;

/**
 * Compares observed endpoints with the specs that cover their hosts. Endpoints on hosts no spec covers
 * are skipped: without a spec nothing can be called shadow. Specs may be models or compiled specs.
 * @example checkConformance(inventory, [await loadSpecFile('openapi.yaml')])
 */
export function checkConformance(
  endpoints: readonly ObservedEndpoint[],
  specs: readonly (SpecModel | CompiledSpec)[],
): FindingCandidate[] {
  const compiled = specs.map((s) => ('root' in s ? s : compileSpec(s)));
  const findings: FindingCandidate[] = [];
  const used = new Set<SpecOperation>();
  const hostsBySpec = new Map<CompiledSpec, Set<string>>();
  for (const endpoint of endpoints) {
    const covering = compiled.filter((spec) => coversHost(spec, endpoint.host));
    if (covering.length === 0) continue;
    for (const spec of covering) {
      const hosts = hostsBySpec.get(spec) ?? new Set<string>();
      hostsBySpec.set(spec, hosts.add(endpoint.host));
    }
    const match = bestMatch(covering, endpoint);
    if (match.kind === 'operation') used.add(match.operation);
    findings.push(...evaluateEndpoint(endpoint, match, covering));
  }
  for (const spec of compiled) {
    const hosts = spec.model.hosts.length > 0 ? spec.model.hosts : [...(hostsBySpec.get(spec) ?? [])];
    for (const operation of spec.model.operations) {
      if (used.has(operation)) continue;
      for (const host of hosts.length > 0 ? hosts : ['*']) findings.push(unused(spec, operation, host));
    }
  }
  return findings;
}

/** What a conformance finding of these types says of its endpoint (`classification.spec`). */
export const SPEC_STATUS: Readonly<Record<string, string>> = {
  'shadow-endpoint': 'shadow',
  'method-not-in-spec': 'method-not-in-spec',
  'zombie-endpoint': 'zombie',
};

/**
 * One endpoint against the specs: `documented`, `shadow`, `method-not-in-spec` or `zombie`, judged as
 * `checkConformance` judges it; undefined when no spec covers its host.
 * @example specStatus(endpoint, specs.map(compileSpec)) === 'shadow'
 */
export function specStatus(endpoint: ObservedEndpoint, specs: readonly CompiledSpec[]): string | undefined {
  const covering = specs.filter((spec) => coversHost(spec, endpoint.host));
  if (covering.length === 0) return undefined;
  const findings = evaluateEndpoint(endpoint, bestMatch(covering, endpoint), covering);
  return findings.map((f) => SPEC_STATUS[f.type]).find((s) => s !== undefined) ?? 'documented';
}

function bestMatch(specs: readonly CompiledSpec[], endpoint: ObservedEndpoint): MatchResult {
  let best: MatchResult = { kind: 'none' };
  for (const spec of specs) {
    const match = matchPath(spec, endpoint.method, endpoint.path);
    if (match.kind === 'operation') return match;
    if (match.kind === 'path' && best.kind === 'none') best = match;
  }
  return best;
}

function evaluateEndpoint(
  endpoint: ObservedEndpoint,
  match: MatchResult,
  specs: readonly CompiledSpec[],
): FindingCandidate[] {
  const statuses = observedStatuses(endpoint);
  const specTitles = specs.map((s) => s.model.title);
  if (match.kind === 'none')
    return [candidate('shadow-endpoint', endpoint, { calls: endpoint.calls, statuses, specs: specTitles })];
  if (match.kind === 'path') {
    // The method only counts as accepted when a status shows the server handled it.
    const accepted = statuses.filter(showsAccepted);
    if (statuses.length > 0 && accepted.length === 0) return [];
    // OPTIONS is the CORS preflight that browsers send to any documented path.
    if (endpoint.method.toUpperCase() === 'OPTIONS') return [];
    return [
      candidate('method-not-in-spec', endpoint, {
        calls: endpoint.calls,
        documentedMethods: [...match.methods],
        specPath: match.specPath,
        acceptedStatuses: accepted,
        statusesKnown: statuses.length > 0,
      }),
    ];
  }
  const out: FindingCandidate[] = [];
  const { operation } = match;
  if (operation.deprecated) {
    out.push(
      candidate('zombie-endpoint', endpoint, {
        calls: endpoint.calls,
        specPath: match.specPath,
        ...opId(operation),
      }),
    );
  }
  const undocumented = statuses.filter((s) => !isDocumentedStatus(s, operation.statuses));
  if (undocumented.length > 0) {
    out.push(
      candidate('undocumented-status', endpoint, {
        undocumentedStatuses: undocumented,
        documentedStatuses: [...operation.statuses],
        specPath: match.specPath,
      }),
    );
  }
  return out;
}

function unused(spec: CompiledSpec, operation: SpecOperation, host: string): FindingCandidate {
  const base = spec.model.basePaths[0] ?? '';
  const path = `${base}${operation.path}`;
  return {
    type: 'unused-endpoint',
    severity: CATALOGUE['unused-endpoint'].severity,
    subject: endpointSubject(host, operation.method, path),
    host,
    method: operation.method,
    path,
    evidence: {
      spec: spec.model.title,
      specVersion: spec.model.version,
      deprecated: operation.deprecated,
      ...opId(operation),
    },
    occurrences: 0,
  };
}

function opId(operation: SpecOperation): Evidence {
  return operation.operationId !== undefined ? { operationId: operation.operationId } : {};
}
