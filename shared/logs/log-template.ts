/**
 * Access-log line templates in nginx `log_format` syntax (`$remote_addr - [$time_local] "$request"`):
 * literal text between variables delimits them, so one small engine reads nginx's own formats, the
 * tenant's custom `log_format`, and Apache's and Envoy's defaults written the same way. A line may
 * carry fields after the template's end (formats grow at the end); they are ignored.
 */

export interface LogTemplate {
  readonly source: string;
  /** Literal before each variable, then the trailing literal: `literals.length === names.length + 1`. */
  readonly literals: readonly string[];
  readonly names: readonly string[];
}

const VARIABLE = /\$(?:\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g;

/** `compileTemplate('$remote_addr [$time_local] "$request"')`; throws TemplateError when unusable. */
export function compileTemplate(source: string): LogTemplate {
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of source.matchAll(VARIABLE)) {
    literals.push(source.slice(last, match.index));
    names.push((match[1] ?? match[2])!);
    last = match.index + match[0].length;
  }
  literals.push(source.slice(last));
  if (names.length === 0) throw new TemplateError('log format has no $variables');
  for (let i = 1; i < names.length; i++)
    if (literals[i] === '')
      throw new TemplateError(`$${names[i - 1]} and $${names[i]} have nothing between them`);
  return { source, literals, names };
}

/**
 * The variables of `line` by name (values as logged; `-` kept), or undefined when the line does not
 * follow the template. A quoted variable (literal `"` on both sides) may contain `\"`.
 */
export function matchTemplate(template: LogTemplate, line: string): Map<string, string> | undefined {
  const { literals, names } = template;
  if (!line.startsWith(literals[0]!)) return undefined;
  const values = new Map<string, string>();
  let pos = literals[0]!.length;
  for (let i = 0; i < names.length; i++) {
    const after = literals[i + 1]!;
    let end: number;
    if (after === '') {
      // The template's last variable: up to the next space (later fields are not ours).
      end = line.indexOf(' ', pos);
      if (end < 0) end = line.length;
    } else {
      const quoted = literals[i]!.endsWith('"') && after.startsWith('"');
      end = quoted ? closingQuote(line, pos, after) : line.indexOf(after, pos);
      if (end < 0) return undefined;
    }
    values.set(names[i]!, line.slice(pos, end));
    pos = end + after.length;
  }
  return values;
}

/** Where `after` (starting with `"`) begins, skipping quotes escaped with a backslash. */
function closingQuote(line: string, from: number, after: string): number {
  for (let at = line.indexOf(after, from); at >= 0; at = line.indexOf(after, at + 1)) {
    let backslashes = 0;
    for (let i = at - 1; i >= from && line.charCodeAt(i) === 92; i--) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}
