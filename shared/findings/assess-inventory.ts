/**
 * Assesses an inventory: spec conformance for hosts a spec covers, the built-in risk categories, and
 * the tenant's custom rules. Used by `surveyor analyze --spec --rules`, the consumer after each batch
 * (assess-endpoints.ts) and the tenant-wide assessment (assess-tenant.ts).
 */
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { TenantSettings } from '#events/risk-rules.schema';
import type { CompiledRule } from '#shared/rules/load-rules';
import { evaluateRules } from '#shared/findings/evaluators/custom-rules';
import { checkConformance, SPEC_STATUS } from '#shared/findings/evaluators/spec-conformance';
import { compileSpec, coversHost } from '#shared/openapi/match';
import type { SpecModel } from '#shared/openapi/spec-model';
import { endpointSubject, type FindingCandidate } from './candidate.ts';
import type { EndpointFacts } from './endpoint-facts.ts';
import { evaluateBuiltInRisks } from '#shared/findings/evaluators/built-in-risks';

export interface Assessment {
  readonly endpoints: EndpointSummary[];
  readonly findings: FindingCandidate[];
}

/** What an assessment judges against: a tenant's stored configuration has this shape. */
export interface AssessmentConfig {
  readonly specs?: readonly SpecModel[];
  readonly rules?: readonly CompiledRule[];
  readonly settings?: TenantSettings;
}

/** `assessInventory(report.endpoints, { specs: [await loadSpecFile('api.yaml')], rules })` */
export function assessInventory(
  endpoints: readonly EndpointSummary[],
  options: AssessmentConfig = {},
): Assessment {
  const facts = endpoints.map(toFacts);
  const specs = (options.specs ?? []).map(compileSpec);
  const conformance = specs.length === 0 ? [] : checkConformance(facts, specs);
  const findings = [
    ...conformance,
    ...evaluateBuiltInRisks(facts, options.settings),
    ...evaluateRules(options.rules ?? [], facts),
  ];
  const specFinding = new Map<string, string>();
  for (const f of conformance) {
    const status = SPEC_STATUS[f.type];
    if (status !== undefined && f.method !== undefined && f.path !== undefined) {
      specFinding.set(endpointSubject(f.host, f.method, f.path), status);
    }
  }
  const judged = endpoints.map((e) => {
    if (e.classification === undefined || !specs.some((s) => coversHost(s, e.host))) return e;
    const spec = specFinding.get(endpointSubject(e.host, e.method, e.path)) ?? 'documented';
    return { ...e, classification: { ...e.classification, spec } };
  });
  return { endpoints: judged, findings };
}

function toFacts(e: EndpointSummary): EndpointFacts {
  const c = e.classification;
  const facts: EndpointFacts = {
    host: e.host,
    method: e.method,
    path: e.path,
    calls: e.calls,
    ...(e.externalCalls !== undefined && { externalCalls: e.externalCalls }),
    ...(e.sensitiveCalls !== undefined && { sensitiveCalls: e.sensitiveCalls }),
    firstSeen: e.firstSeen,
    lastSeen: e.lastSeen,
    statusClasses: e.status,
    authSchemes: e.auth,
    ...(e.tlsProtocols === undefined ? {} : { tlsProtocols: e.tlsProtocols }),
    ...(c !== undefined && {
      auth: c.auth,
      exposure: c.exposure,
      environment: c.environment,
      sensitive: c.sensitive,
      countries: c.countries,
      asns: c.asns,
    }),
  };
  return facts;
}
