/**
 * AWS WAFv2 CreateRuleGroup limits, written from the AWS documentation with literal numbers so the
 * exporter's own constants and schema cannot vouch for themselves:
 * - API reference (CreateRuleGroup, Rule, VisibilityConfig, TextTransformation): names `^[\w-]+$`
 *   1-128, metric names `^[\w#:\.\-/]+$` 1-255, description 1-256, 1+ text transformations.
 * - WAF quotas (fixed): 5,000 WCUs per rule group, 200 characters per regex pattern, 200 characters
 *   in a string match, 10 regex patterns per regex pattern set, 10 text transformations per
 *   statement, 50 reference statements per rule group.
 * - WCU pricing (developer guide, rule statements): regex match 3, string match 1-10 by positional
 *   constraint, IP set reference 1, +10 per text transformation other than NONE; AND/OR/NOT add none.
 */
import type { CreateRuleGroupCommandInput, Statement } from '@aws-sdk/client-wafv2';

const NAME = /^[\w-]{1,128}$/;
const METRIC_NAME = /^[\w#:.\-/]{1,255}$/;

/** The AWS limits `group` breaks, as sentences; empty when CreateRuleGroup would accept it. */
export function awsWafLimitViolations(group: CreateRuleGroupCommandInput): string[] {
  const problems: string[] = [];
  const rules = group.Rules ?? [];
  if (!NAME.test(group.Name ?? '')) problems.push(`rule group name ${group.Name}`);
  if (!METRIC_NAME.test(group.VisibilityConfig?.MetricName ?? '')) problems.push('rule group metric name');
  if (group.Description !== undefined && (group.Description.length < 1 || group.Description.length > 256))
    problems.push('description longer than 256 characters');
  const capacity = group.Capacity ?? 0;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 5000) problems.push(`capacity ${capacity}`);
  const wcus = rules.reduce((total, rule) => total + awsWcus(rule.Statement ?? {}), 0);
  if (wcus > capacity) problems.push(`capacity ${capacity} below the ${wcus} WCUs the rules use`);
  const priorities = rules.map((rule) => rule.Priority ?? -1);
  if (priorities.some((p) => !Number.isInteger(p) || p < 0) || new Set(priorities).size !== rules.length)
    problems.push(`rule priorities ${priorities.join(',')}`);
  let references = 0;
  for (const rule of rules) {
    if (!NAME.test(rule.Name ?? '')) problems.push(`rule name ${rule.Name}`);
    if (!METRIC_NAME.test(rule.VisibilityConfig?.MetricName ?? '')) problems.push(`${rule.Name} metric name`);
    if (Object.keys(rule.Action ?? {}).length !== 1) problems.push(`${rule.Name} needs exactly one action`);
    for (const leaf of leaves(rule.Statement ?? {})) {
      if (leaf.IPSetReferenceStatement || leaf.RegexPatternSetReferenceStatement) references += 1;
      const match = leaf.RegexMatchStatement ?? leaf.ByteMatchStatement;
      const transforms = match?.TextTransformations ?? [];
      if (match && (transforms.length < 1 || transforms.length > 10))
        problems.push(`${rule.Name}: ${transforms.length} text transformations`);
      const regex = leaf.RegexMatchStatement?.RegexString;
      if (regex !== undefined) {
        if (regex.length < 1 || regex.length > 200)
          problems.push(`${rule.Name}: regex of ${regex.length} characters`);
        if (!compiles(regex)) problems.push(`${rule.Name}: invalid regex ${regex}`);
      }
      const search = leaf.ByteMatchStatement?.SearchString;
      if (search !== undefined && (search.length < 1 || search.length > 200))
        problems.push(`${rule.Name}: search string of ${search.length} bytes`);
    }
  }
  if (references > 50) problems.push(`${references} reference statements`);
  return problems;
}

/** WCUs a statement costs under AWS's published pricing. */
export function awsWcus(statement: Statement): number {
  const nested = [
    ...(statement.AndStatement?.Statements ?? []),
    ...(statement.OrStatement?.Statements ?? []),
    ...(statement.NotStatement?.Statement ? [statement.NotStatement.Statement] : []),
  ];
  if (nested.length > 0) return nested.reduce((total, s) => total + awsWcus(s), 0);
  if (statement.IPSetReferenceStatement) return 1;
  const match = statement.RegexMatchStatement;
  if (!match) throw new Error(`no WCU price written down for ${Object.keys(statement).join(',')}`);
  return 3 + 10 * (match.TextTransformations ?? []).filter((t) => t.Type !== 'NONE').length;
}

function leaves(statement: Statement): Statement[] {
  const nested = [
    ...(statement.AndStatement?.Statements ?? []),
    ...(statement.OrStatement?.Statements ?? []),
    ...(statement.NotStatement?.Statement ? [statement.NotStatement.Statement] : []),
  ];
  return nested.length > 0 ? nested.flatMap(leaves) : [statement];
}

// JavaScript's regex syntax stands in for PCRE: the exporter only emits the subset both share.
function compiles(regex: string): boolean {
  try {
    new RegExp(regex);
    return true;
  } catch {
    return false;
  }
}
