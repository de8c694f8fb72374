/** Evaluator: the tenant's own rules (risk-rules document) as `custom:<rule-id>` candidates. */
import { authOf, namesOf, observedStatuses, type EndpointFacts } from '#shared/findings/endpoint-facts';
import { candidate, type FindingCandidate } from '#shared/findings/candidate';
import type { CompiledRule } from '#shared/rules/load-rules';

/**
 * Runs custom rules over endpoints: one `custom:<rule-id>` candidate per (rule, endpoint) match.
 * @example evaluateRules(loadRules(text), inventory)
 */
export function evaluateRules(
  rules: readonly CompiledRule[],
  endpoints: readonly EndpointFacts[],
): FindingCandidate[] {
  const out: FindingCandidate[] = [];
  for (const compiled of rules) {
    const { rule } = compiled;
    for (const endpoint of endpoints) {
      if (!ruleMatches(compiled, endpoint)) continue;
      out.push(
        candidate(
          `custom:${rule.id}`,
          endpoint,
          { rule: rule.id, criteria: Object.keys(rule.match), calls: endpoint.calls },
          endpoint.calls,
          { severity: rule.severity, category: rule.category, description: rule.description },
        ),
      );
    }
  }
  return out;
}

/** True when every criterion of the rule holds for the endpoint. */
export function ruleMatches(compiled: CompiledRule, endpoint: EndpointFacts): boolean {
  const m = compiled.rule.match;
  if (compiled.host && !compiled.host(endpoint.host)) return false;
  if (compiled.path && !compiled.path(endpoint.path)) return false;
  if (m.methods && !m.methods.includes(endpoint.method.toUpperCase())) return false;
  if (m.auth && !overlaps(m.auth, authOf(endpoint))) return false;
  if (m.exposure && endpoint.exposure !== m.exposure) return false;
  if (
    m.environment &&
    !overlaps(lower(m.environment), lower(endpoint.environment ? [endpoint.environment] : []))
  ) {
    return false;
  }
  if (
    m.countries &&
    !overlaps(
      m.countries,
      namesOf(endpoint.countries).map((c) => c.toUpperCase()),
    )
  )
    return false;
  if (m.asns && !overlaps(m.asns.map(asnKey), namesOf(endpoint.asns).map(asnKey))) return false;
  if (m.status && !m.status.some((s) => statusSeen(s, endpoint))) return false;
  if (m.sensitive && !overlaps(lower(m.sensitive), lower(endpoint.sensitive ?? []))) return false;
  if (m.minCalls !== undefined && endpoint.calls < m.minCalls) return false;
  return true;
}

/** `AS16509`, `16509` and 16509 all name the same network. */
export function asnKey(asn: string | number): string {
  return String(asn).toUpperCase().replace(/^AS/, '');
}

function statusSeen(wanted: string, endpoint: EndpointFacts): boolean {
  const w = wanted.toLowerCase();
  const isClass = w.endsWith('xx');
  // Statuses counted zero times were not seen: inventory items list every class.
  const codes = observedStatuses({ statusCodes: endpoint.statusCodes });
  if (codes.some((c) => (isClass ? c[0] === w[0] && c.length === 3 : c === w))) return true;
  // With classes only, an exact code cannot be confirmed, so only class criteria can match.
  const classes = observedStatuses({ statusClasses: endpoint.statusClasses });
  return isClass && classes.some((c) => c.toLowerCase() === w);
}

function overlaps(wanted: readonly string[], seen: readonly string[]): boolean {
  return seen.some((s) => wanted.includes(s));
}

function lower(values: readonly string[]): string[] {
  return values.map((v) => v.toLowerCase());
}
