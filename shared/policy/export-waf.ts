/**
 * Policy export: flagged endpoints as an AWS WAFv2 CreateRuleGroup document, checked against the
 * service's shape and limits before anyone deploys it.
 */
import { Ajv } from 'ajv';
import type { SpecModel } from '#shared/openapi/spec-model';
import { WAF_LIMITS, wafRuleGroupSchema } from './waf-rule-group.schema.ts';
import {
  and,
  estimateCapacity,
  escapeRegex,
  nestingDepth,
  not,
  packAlternation,
  regexesOf,
  regexMatch,
  templateRegex,
  WafExportError,
  type WafStatement,
} from './waf-statements.ts';

/** The CreateRuleGroup request body (`aws wafv2 create-rule-group --cli-input-json`). */
export interface WafRuleGroup {
  Name: string;
  Scope: 'REGIONAL' | 'CLOUDFRONT';
  Capacity: number;
  Description?: string;
  VisibilityConfig: VisibilityConfig;
  Rules: WafRule[];
}
interface VisibilityConfig {
  SampledRequestsEnabled: boolean;
  CloudWatchMetricsEnabled: boolean;
  MetricName: string;
}
interface WafRule {
  Name: string;
  Priority: number;
  Statement: WafStatement;
  Action: { Block: Record<string, never> } | { Count: Record<string, never> };
  VisibilityConfig: VisibilityConfig;
}

export interface WafExportOptions {
  /** Rule-group name, `[\w-]{1,128}`. */
  readonly name: string;
  readonly scope?: 'REGIONAL' | 'CLOUDFRONT';
  /** `count` first, to watch what would be blocked; `block` once trusted. Default `count`. */
  readonly action?: 'block' | 'count';
  readonly description?: string;
}

export interface EndpointRef {
  readonly host: string;
  readonly method: string;
  readonly path: string;
}

const validateShape = new Ajv({ allErrors: true, strict: false }).compile(wafRuleGroupSchema);

/**
 * "Block methods not in the spec": for each set of paths sharing the same documented methods, a rule
 * matching those paths AND NOT one of those methods. OPTIONS stays allowed (CORS preflight), and HEAD
 * wherever GET is documented.
 * @example methodsNotInSpecRuleGroup(await loadSpecFile('openapi.yaml'), { name: 'orders-methods', action: 'block' })
 */
export function methodsNotInSpecRuleGroup(spec: SpecModel, options: WafExportOptions): WafRuleGroup {
  const methodsByPath = new Map<string, Set<string>>();
  for (const op of spec.operations) {
    const regex = templateRegex(op.path);
    const methods = methodsByPath.get(regex) ?? new Set(['OPTIONS']);
    methods.add(op.method);
    if (op.method === 'GET') methods.add('HEAD');
    methodsByPath.set(regex, methods);
  }
  const pathsByMethods = new Map<string, string[]>();
  for (const [regex, methods] of methodsByPath) {
    const key = [...methods].sort().join('|');
    pathsByMethods.set(key, [...(pathsByMethods.get(key) ?? []), regex]);
  }
  const base = basePrefix(spec.basePaths);
  const statements: WafStatement[] = [];
  for (const [methods, paths] of pathsByMethods) {
    for (const pathRegex of packAlternation(paths, base, '/?', WAF_LIMITS.regexLength)) {
      statements.push(and(regexMatch('path', pathRegex), not(regexMatch('method', `^(${methods})$`))));
    }
  }
  return ruleGroup(statements, options);
}

/**
 * Blocks (or counts) exactly the given endpoints, e.g. those a custom rule matched: per host and
 * method, the endpoints' path templates.
 */
export function endpointsRuleGroup(
  endpoints: readonly EndpointRef[],
  options: WafExportOptions,
): WafRuleGroup {
  const groups = new Map<string, { host: string; method: string; paths: string[] }>();
  for (const e of endpoints) {
    const key = `${e.host.toLowerCase()} ${e.method.toUpperCase()}`;
    const group = groups.get(key) ?? {
      host: e.host.toLowerCase(),
      method: e.method.toUpperCase(),
      paths: [],
    };
    group.paths.push(templateRegex(e.path));
    groups.set(key, group);
  }
  const statements: WafStatement[] = [];
  for (const { host, method, paths } of groups.values()) {
    for (const pathRegex of packAlternation(paths, '', '/?', WAF_LIMITS.regexLength)) {
      statements.push(
        and(
          regexMatch('host', hostRegex([host])),
          regexMatch('method', `^${escapeRegex(method)}$`),
          regexMatch('path', pathRegex),
        ),
      );
    }
  }
  return ruleGroup(statements, options);
}

/**
 * "Block non-prod from the internet": requests whose Host is one of the given hosts, unless they come
 * from the allowed IP set (corporate ranges) when one is given.
 */
export function nonProductionHostsRuleGroup(
  hosts: readonly string[],
  options: WafExportOptions & { readonly allowedIpSetArn?: string },
): WafRuleGroup {
  const statements = packAlternation(
    hosts.map((h) => escapeRegex(h.toLowerCase())),
    '',
    '(:[0-9]+)?',
    WAF_LIMITS.regexLength,
  ).map((regex) => {
    const host = regexMatch('host', regex);
    return options.allowedIpSetArn
      ? and(host, not({ IPSetReferenceStatement: { ARN: options.allowedIpSetArn } }))
      : host;
  });
  return ruleGroup(statements, options);
}

/** Checks an export against the CreateRuleGroup shape and the WAF limits; returns the problems. */
export function wafProblems(group: WafRuleGroup): string[] {
  const problems: string[] = [];
  if (!validateShape(group)) {
    problems.push(
      ...(validateShape.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`),
    );
  }
  const needed = group.Rules.reduce((total, r) => total + estimateCapacity(r.Statement), 0);
  if (needed > group.Capacity)
    problems.push(`capacity ${group.Capacity} is below the estimated ${needed} WCUs`);
  for (const rule of group.Rules) {
    if (nestingDepth(rule.Statement) > WAF_LIMITS.nestingDepth) problems.push(`${rule.Name} nests too deep`);
    for (const regex of regexesOf(rule.Statement)) {
      try {
        new RegExp(regex);
      } catch {
        problems.push(`${rule.Name} has an invalid regex ${regex}`);
      }
    }
  }
  if (new Set(group.Rules.map((r) => r.Priority)).size !== group.Rules.length)
    problems.push('duplicate rule priorities');
  return problems;
}

function ruleGroup(statements: WafStatement[], options: WafExportOptions): WafRuleGroup {
  if (statements.length === 0) throw new WafExportError('nothing to export: no endpoint or path given');
  const name = options.name;
  const action = options.action === 'block' ? { Block: {} } : { Count: {} };
  const rules: WafRule[] = statements.map((Statement, i) => ({
    Name: `${name}-${i + 1}`.slice(0, 128),
    Priority: i,
    Statement,
    Action: action,
    VisibilityConfig: visibility(`${name}-${i + 1}`),
  }));
  const capacity = rules.reduce((total, r) => total + estimateCapacity(r.Statement), 0);
  if (capacity > WAF_LIMITS.ruleGroupCapacity) {
    throw new WafExportError(
      `${capacity} WCUs exceed the rule-group limit of ${WAF_LIMITS.ruleGroupCapacity}`,
    );
  }
  const group: WafRuleGroup = {
    Name: name,
    Scope: options.scope ?? 'REGIONAL',
    Capacity: capacity,
    ...(options.description !== undefined && { Description: cleanDescription(options.description) }),
    VisibilityConfig: visibility(name),
    Rules: rules,
  };
  const problems = wafProblems(group);
  if (problems.length > 0) throw new WafExportError(`invalid rule group: ${problems.join('; ')}`);
  return group;
}

function basePrefix(basePaths: readonly string[]): string {
  const bases = [...new Set(basePaths.map(templateRegex))];
  if (bases.length === 1) return bases[0] ?? '';
  return `(${bases.join('|')})`;
}

function hostRegex(hosts: readonly string[]): string {
  return `^(${hosts.map(escapeRegex).join('|')})(:[0-9]+)?$`;
}

function visibility(metricName: string): VisibilityConfig {
  return {
    SampledRequestsEnabled: true,
    CloudWatchMetricsEnabled: true,
    MetricName: metricName.slice(0, 255),
  };
}

// WAF descriptions allow letters, digits, spaces and a few punctuation marks only.
function cleanDescription(text: string): string {
  return text
    .replace(/[^\w+=:#@/\-,.\s]/g, ' ')
    .trim()
    .slice(0, 256);
}
