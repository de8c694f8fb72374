/**
 * Why inferred endpoints are wrong, in categories: for each wrong inferred endpoint, the first
 * segment where it differs from its spec template, named by what went wrong there (a static literal
 * merged, a parameter's value left literal) and by the segment's shape and context. Printed by the
 * evaluation so that work goes to the largest classes first.
 */
import { canonicalTemplate, endpointKey } from './template-score.ts';
import type { RevealablePath } from './revealable-score.ts';

export interface Category {
  readonly name: string;
  /** Wrong inferred endpoints in this category. */
  readonly endpoints: number;
  readonly examples: readonly string[];
}

/** Categories of the wrong (not correct, not neutral) inferred endpoints, largest first. */
export function errorCategories(
  paths: readonly RevealablePath[],
  specKeys: ReadonlySet<string>,
  isWrong: (p: RevealablePath) => boolean,
  examples = 4,
): Category[] {
  const byEndpoint = new Map<string, { name: string; example: string }>();
  for (const p of paths) {
    const key = endpointKey(p.host, p.method, p.inferred);
    if (specKeys.has(key) || byEndpoint.has(key) || !isWrong(p)) continue;
    byEndpoint.set(key, { name: categoryOf(p), example: `${key} <- ${p.truth} (${p.path})` });
  }
  const out = new Map<string, { endpoints: number; examples: string[] }>();
  for (const { name, example } of byEndpoint.values()) {
    const entry = out.get(name) ?? { endpoints: 0, examples: [] };
    out.set(name, entry);
    entry.endpoints++;
    if (entry.examples.length < examples) entry.examples.push(example);
  }
  return [...out].map(([name, e]) => ({ name, ...e })).sort((a, b) => b.endpoints - a.endpoints);
}

function categoryOf(p: RevealablePath): string {
  // The host's state reached its bound (template-bounds.ts): the rest of the path is one `{path}`.
  if (p.inferred.endsWith('/{path}')) return 'cut at the state bound ({path})';
  const truth = canonicalTemplate(p.truth).split('/').slice(1);
  const inferred = canonicalTemplate(p.inferred).split('/').slice(1);
  const raw = p.path.split('?')[0]!.split('/').slice(1);
  if (truth.length !== inferred.length) return `length ${truth.length} -> ${inferred.length}`;
  let param = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const own = inferred[i]!;
    const params = t.split('{}').length - 1;
    const index = param;
    param += params;
    if (t === own) continue;
    const context = contextOf(truth, i);
    if (params === 0) return `over-merge ${shapeOf(raw[i] ?? t)} literal ${context}`;
    if (!own.includes('{}')) return `under-merge ${p.kinds[index] ?? '?'} value ${context}`;
    return `other ${t} -> ${own}`;
  }
  return 'same (method?)';
}

/** Where the segment sits: right under the root, a version, a parameter or a literal. */
function contextOf(truth: readonly string[], i: number): string {
  if (i === 0) return 'at root';
  const parent = truth[i - 1]!;
  if (/^(?:v\d+(?:\.\d+)?[a-z]*\d*|api|apis|rest|\d+\.\d+)$/.test(parent)) return 'after version';
  return parent.includes('{}') ? 'after parameter' : 'after literal';
}

/** A coarse lexical shape: `Microsoft.Compute` dotted, `power-outlets` hyphenated, `listKeys` camel. */
function shapeOf(segment: string): string {
  if (segment.includes(':')) return 'custom-method';
  if (segment.startsWith('$') || segment.includes('(')) return 'odata';
  if (/^v?\d/.test(segment)) return 'version-or-number';
  if (segment.includes('.')) return 'dotted';
  if (segment.includes('-')) return 'hyphenated';
  if (segment.includes('_')) return 'underscored';
  if (/^[A-Z]+$/.test(segment)) return 'upper';
  if (/[a-z][A-Z]/.test(segment)) return 'camel';
  if (/^[A-Z]/.test(segment)) return 'capitalised';
  return 'word';
}
