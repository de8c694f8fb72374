/**
 * A small interpreter for the WAF statements Surveyor exports, so tests can ask what an exported rule
 * group would do with a request instead of comparing regex strings.
 */
import type { WafRuleGroup } from '#shared/policy/export-waf';
import type { WafStatement } from '#shared/policy/waf-statements';

export interface WafRequest {
  readonly host: string;
  readonly method: string;
  readonly path: string;
}

/** Names of the rules of `group` that match `request`. */
export function matchingRules(group: WafRuleGroup, request: WafRequest): string[] {
  return group.Rules.filter((rule) => matches(rule.Statement, request)).map((rule) => rule.Name);
}

/** Every leaf statement kind in the group (`RegexMatchStatement`, `IPSetReferenceStatement`...). */
export function leafKinds(group: WafRuleGroup): string[] {
  const kinds = new Set<string>();
  const walk = (s: WafStatement): void => {
    if ('AndStatement' in s) s.AndStatement.Statements.forEach(walk);
    else if ('OrStatement' in s) s.OrStatement.Statements.forEach(walk);
    else if ('NotStatement' in s) walk(s.NotStatement.Statement);
    else kinds.add(Object.keys(s)[0]!);
  };
  group.Rules.forEach((rule) => walk(rule.Statement));
  return [...kinds].sort();
}

function matches(s: WafStatement, request: WafRequest): boolean {
  if ('AndStatement' in s) return s.AndStatement.Statements.every((x) => matches(x, request));
  if ('OrStatement' in s) return s.OrStatement.Statements.some((x) => matches(x, request));
  if ('NotStatement' in s) return !matches(s.NotStatement.Statement, request);
  if ('IPSetReferenceStatement' in s) throw new Error('IP sets are not interpreted here');
  const { RegexString, FieldToMatch, TextTransformations } = s.RegexMatchStatement;
  let text =
    'UriPath' in FieldToMatch ? request.path : 'Method' in FieldToMatch ? request.method : request.host;
  for (const t of [...TextTransformations].sort((a, b) => a.Priority - b.Priority)) {
    if (t.Type === 'LOWERCASE') text = text.toLowerCase();
    else if (t.Type === 'URL_DECODE') text = decodeURIComponent(text);
    else if (t.Type === 'NORMALIZE_PATH') text = text.replace(/\/{2,}/g, '/');
  }
  return new RegExp(RegexString).test(text);
}
