/** WAFv2 statement builders and the checks WAF would apply to them (capacity, regex length, nesting). */

export type TextTransformationType = 'NONE' | 'URL_DECODE' | 'NORMALIZE_PATH' | 'LOWERCASE';
export type FieldToMatch =
  { UriPath: Record<string, never> } | { Method: Record<string, never> } | { SingleHeader: { Name: string } };

export type WafStatement =
  | { AndStatement: { Statements: WafStatement[] } }
  | { OrStatement: { Statements: WafStatement[] } }
  | { NotStatement: { Statement: WafStatement } }
  | { IPSetReferenceStatement: { ARN: string } }
  | {
      RegexMatchStatement: {
        RegexString: string;
        FieldToMatch: FieldToMatch;
        TextTransformations: { Priority: number; Type: TextTransformationType }[];
      };
    };

// Decode before normalizing so `%2e%2e/` tricks are normalized too; compare in lower case like the inventory.
const PATH_TRANSFORMS: TextTransformationType[] = ['URL_DECODE', 'NORMALIZE_PATH', 'LOWERCASE'];

/** Regex on one request component, with text transformations applied in the given order. */
export function regexMatch(field: 'path' | 'method' | 'host', regex: string): WafStatement {
  const FieldToMatch: FieldToMatch =
    field === 'path'
      ? { UriPath: {} }
      : field === 'method'
        ? { Method: {} }
        : { SingleHeader: { Name: 'host' } };
  const types: TextTransformationType[] =
    field === 'path' ? PATH_TRANSFORMS : field === 'host' ? ['LOWERCASE'] : ['NONE'];
  return {
    RegexMatchStatement: {
      RegexString: regex,
      FieldToMatch,
      TextTransformations: types.map((Type, Priority) => ({ Priority, Type })),
    },
  };
}

export function and(...statements: WafStatement[]): WafStatement {
  return statements.length === 1
    ? (statements[0] as WafStatement)
    : { AndStatement: { Statements: statements } };
}

export function not(statement: WafStatement): WafStatement {
  return { NotStatement: { Statement: statement } };
}

/**
 * Capacity estimate following the WAF developer guide: a regex match costs 3 WCUs plus 10 per text
 * transformation other than NONE. Logical statements are counted at 1 each so the estimate errs high
 * (a rule group's capacity may exceed what its rules use, never the reverse).
 */
export function estimateCapacity(statement: WafStatement): number {
  if ('AndStatement' in statement) return 1 + sum(statement.AndStatement.Statements.map(estimateCapacity));
  if ('OrStatement' in statement) return 1 + sum(statement.OrStatement.Statements.map(estimateCapacity));
  if ('NotStatement' in statement) return 1 + estimateCapacity(statement.NotStatement.Statement);
  if ('IPSetReferenceStatement' in statement) return 1;
  const transforms = statement.RegexMatchStatement.TextTransformations.filter(
    (t) => t.Type !== 'NONE',
  ).length;
  return 3 + 10 * transforms;
}

/** Depth of logical nesting: a bare match statement is 1. */
export function nestingDepth(statement: WafStatement): number {
  if ('AndStatement' in statement)
    return 1 + Math.max(...statement.AndStatement.Statements.map(nestingDepth));
  if ('OrStatement' in statement) return 1 + Math.max(...statement.OrStatement.Statements.map(nestingDepth));
  if ('NotStatement' in statement) return 1 + nestingDepth(statement.NotStatement.Statement);
  return 1;
}

/** Every regex in a statement tree. */
export function regexesOf(statement: WafStatement): string[] {
  if ('AndStatement' in statement) return statement.AndStatement.Statements.flatMap(regexesOf);
  if ('OrStatement' in statement) return statement.OrStatement.Statements.flatMap(regexesOf);
  if ('NotStatement' in statement) return regexesOf(statement.NotStatement.Statement);
  if ('IPSetReferenceStatement' in statement) return [];
  return [statement.RegexMatchStatement.RegexString];
}

/** Escapes regex metacharacters (PCRE and JavaScript agree on these). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, (c) => (c === '/' || c === '-' ? c : `\\${c}`));
}

/**
 * Path template to a lower-case regex body: `/Users/{id}.json` -> `/users/[^/]+\.json`.
 * Parameters match one non-empty segment, as in OpenAPI path templating.
 */
export function templateRegex(template: string): string {
  const segments = template.split('/').filter((s) => s !== '');
  return segments
    .map(
      (segment) =>
        `/${segment
          .split(/\{[^{}]*\}/)
          .map((t) => escapeRegex(t.toLowerCase()))
          .join('[^/]+')}`,
    )
    .join('');
}

/**
 * Packs alternatives into as few `^prefix(a|b|...)suffix$` regexes as fit the length limit.
 * Throws when one alternative alone is too long.
 */
export function packAlternation(
  alternatives: readonly string[],
  prefix: string,
  suffix: string,
  limit: number,
): string[] {
  const out: string[] = [];
  let current: string[] = [];
  const render = (items: string[]) => `^${prefix}(${items.join('|')})${suffix}$`;
  for (const alt of [...new Set(alternatives)].sort()) {
    if (render([alt]).length > limit)
      throw new WafExportError(`pattern for ${alt} is longer than ${limit} characters`);
    if (current.length > 0 && render([...current, alt]).length > limit) {
      out.push(render(current));
      current = [];
    }
    current.push(alt);
  }
  if (current.length > 0) out.push(render(current));
  return out;
}

export class WafExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WafExportError';
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
