/**
 * Turns one finding type into enforceable policy: "block methods not in the spec" from the specs,
 * "block non-prod from the internet" by host name, and every other type (custom categories included)
 * as exactly the endpoints it flagged.
 */
import type { FindingCandidate } from '#shared/findings/candidate';
import type { SpecModel } from '#shared/openapi/spec-model';
import { apiGatewayDenyPolicy, type ResourcePolicy } from './export-apigw-policy.ts';
import {
  endpointsRuleGroup,
  methodsNotInSpecRuleGroup,
  nonProductionHostsRuleGroup,
  wafProblems,
  type EndpointRef,
  type WafRuleGroup,
} from './export-waf.ts';
import type { CompiledRule } from '#shared/rules/load-rules';
import { WafExportError } from './waf-statements.ts';

export interface PolicyExportInput {
  /** A finding type: `method-not-in-spec`, `non-production-host`, `custom:<rule-id>`, ... */
  readonly type: string;
  /** Findings from `analyze` or the findings table: only type, host, method and path are read. */
  readonly findings: readonly FindingRef[];
  readonly specs?: readonly SpecModel[];
  /** Custom rules, for their WAF `action`. */
  readonly rules?: readonly CompiledRule[];
}

export type FindingRef = Pick<FindingCandidate, 'host' | 'method' | 'path'> & { readonly type: string };

export class PolicyExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyExportError';
  }
}

/** `wafRuleGroupFor({ type: 'custom:billing-external', findings })`; throws when nothing fits. */
export function wafRuleGroupFor(input: PolicyExportInput): WafRuleGroup {
  const name = `surveyor-${input.type.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 128);
  const action = actionOf(input);
  let group: WafRuleGroup;
  if (input.type === 'method-not-in-spec') {
    const spec = input.specs?.[0];
    if (spec === undefined) throw new PolicyExportError('method-not-in-spec needs the spec (--spec)');
    if ((input.specs?.length ?? 0) > 1)
      throw new PolicyExportError('method-not-in-spec exports one spec at a time: pass one --spec');
    group = methodsNotInSpecRuleGroup(spec, {
      name,
      action,
      description: `Methods ${spec.title} does not document`,
    });
  } else if (input.type === 'non-production-host') {
    const hosts = [...new Set(matching(input).map((f) => f.host))].sort();
    group = nonProductionHostsRuleGroup(hosts, { name, action, description: 'Non-production hosts' });
  } else {
    group = endpointsRuleGroup(endpointsOf(input), {
      name,
      action,
      description: `Endpoints flagged ${input.type}`,
    });
  }
  const problems = wafProblems(group);
  if (problems.length > 0) throw new WafExportError(`${name}: ${problems.join('; ')}`);
  return group;
}

/**
 * An API Gateway (REST) resource policy denying the flagged endpoints. Host-based types do not fit:
 * a resource policy belongs to one API and cannot match host names.
 */
export function apiGatewayPolicyFor(input: PolicyExportInput, stage = '*'): ResourcePolicy {
  if (input.type === 'non-production-host')
    throw new PolicyExportError('non-production-host matches host names: use the WAF export');
  return apiGatewayDenyPolicy(endpointsOf(input), { stage });
}

function matching(input: PolicyExportInput): PolicyExportInput['findings'] {
  const found = input.findings.filter((f) => f.type === input.type);
  if (found.length === 0) throw new PolicyExportError(`no ${input.type} findings to export`);
  return found;
}

function endpointsOf(input: PolicyExportInput): EndpointRef[] {
  const refs = matching(input).flatMap((f) =>
    f.method !== undefined && f.path !== undefined ? [{ host: f.host, method: f.method, path: f.path }] : [],
  );
  if (refs.length === 0) throw new PolicyExportError(`${input.type} findings name no endpoints`);
  return refs;
}

/** A custom rule's own action; built-in exports count first, to be watched before they block. */
function actionOf(input: PolicyExportInput): 'block' | 'count' {
  if (!input.type.startsWith('custom:')) return 'count';
  const id = input.type.slice('custom:'.length);
  return input.rules?.find((r) => r.rule.id === id)?.rule.action ?? 'count';
}
