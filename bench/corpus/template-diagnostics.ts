/**
 * Why templates are wrong: each missed spec endpoint and each wrong inferred endpoint is classed as
 * over-merge (a parameter where the spec has a literal, or one template for several spec endpoints),
 * under-merge (a spec parameter left as literals) or other; plus how each kind of value fared.
 */
import { canonicalTemplate, endpointKey, type ScoredPath } from './template-score.ts';

export type Mismatch = 'over-merge' | 'under-merge' | 'other';

export interface DiagnosedPath extends ScoredPath {
  /** Value kind of each parameter of the truth template, in order. */
  readonly kinds: readonly string[];
}

export interface KindFigures {
  /** (spec endpoint, parameter) pairs with traffic. */
  params: number;
  /** ... whose every path has a parameter at that position. */
  templated: number;
  /** ... where some path kept the value as a literal. */
  leftLiteral: number;
}

export interface Diagnostics {
  readonly missedSpec: Record<Mismatch, number>;
  readonly wrongInferred: Record<Mismatch, number>;
  /** Missed spec endpoints, most-called first, at most two per host. */
  readonly examples: Record<Mismatch, string[]>;
  readonly byKind: Record<string, KindFigures>;
}

interface Group {
  readonly host: string;
  readonly method: string;
  readonly canon: string;
  readonly paths: DiagnosedPath[];
  calls: number;
}

/** Classes every error of `paths` against the spec keys; `limit` examples per class. */
export function diagnose(
  paths: readonly DiagnosedPath[],
  specKeys: ReadonlySet<string>,
  limit = 15,
): Diagnostics {
  const byTruth = groupBy(paths, (p) => p.truth);
  const byInferred = groupBy(paths, (p) => p.inferred);
  const coverage = (g: Group): number => new Set(g.paths.map((p) => canonicalTemplate(p.truth))).size;

  const wrongInferred = counts();
  for (const [key, g] of byInferred) {
    if (specKeys.has(key)) continue;
    wrongInferred[
      coverage(g) >= 2 ? 'over-merge' : classOf(compare(g.canon, canonicalTemplate(g.paths[0]!.truth)))
    ]++;
  }

  const missedSpec = counts();
  const candidates: Record<Mismatch, { calls: number; host: string; text: string }[]> = {
    'over-merge': [],
    'under-merge': [],
    other: [],
  };
  for (const [key, g] of byTruth) {
    if (byInferred.has(key)) continue;
    const targets = groupBy(g.paths, (p) => p.inferred);
    let over = false;
    let under = false;
    for (const t of targets.values()) {
      const shape = compare(t.canon, g.canon);
      over ||=
        shape.over || coverage(byInferred.get(endpointKey(t.host, t.method, t.paths[0]!.inferred))!) >= 2;
      under ||= shape.under;
    }
    const mismatch: Mismatch = over ? 'over-merge' : under ? 'under-merge' : 'other';
    missedSpec[mismatch]++;
    candidates[mismatch].push({ calls: g.calls, host: g.host, text: describe(g, targets) });
  }
  return { missedSpec, wrongInferred, examples: pickExamples(candidates, limit), byKind: byKind(byTruth) };
}

function counts(): Record<Mismatch, number> {
  return { 'over-merge': 0, 'under-merge': 0, other: 0 };
}

function groupBy(
  paths: readonly DiagnosedPath[],
  template: (p: DiagnosedPath) => string,
): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const p of paths) {
    const t = template(p);
    const key = endpointKey(p.host, p.method, t);
    let g = out.get(key);
    if (g === undefined) {
      g = { host: p.host, method: p.method, canon: canonicalTemplate(t), paths: [], calls: 0 };
      out.set(key, g);
    }
    g.paths.push(p);
    g.calls += p.calls;
  }
  return out;
}

interface Shape {
  /** A parameter where the truth has a literal. */
  over: boolean;
  /** A literal where the truth has a parameter. */
  under: boolean;
  /** Different lengths or differently shaped parameter segments (`{}.json` vs `{}`). */
  other: boolean;
}

function compare(inferred: string, truth: string): Shape {
  const a = inferred.split('/');
  const b = truth.split('/');
  const shape: Shape = { over: false, under: false, other: a.length !== b.length };
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const ap = a[i]!.includes('{');
    const bp = b[i]!.includes('{');
    if (ap && !bp) shape.over = true;
    else if (!ap && bp) shape.under = true;
    else if (a[i] !== b[i]) shape.other = true;
  }
  return shape;
}

function classOf(shape: Shape): Mismatch {
  if (shape.over && !shape.under) return 'over-merge';
  if (shape.under && !shape.over) return 'under-merge';
  return 'other';
}

function describe(truth: Group, targets: Map<string, Group>): string {
  const sorted = [...targets.values()].sort((x, y) => y.calls - x.calls);
  const shown = sorted
    .slice(0, 3)
    .map((t) => `${t.paths[0]!.inferred} (${t.paths.length} paths, e.g. ${t.paths[0]!.path})`)
    .join('; ');
  const more = sorted.length > 3 ? `; +${sorted.length - 3} more templates` : '';
  const kinds = truth.paths[0]!.kinds.length > 0 ? ` [${truth.paths[0]!.kinds.join(', ')}]` : '';
  return `${truth.host} ${truth.method} ${truth.paths[0]!.truth}${kinds} (${truth.calls} calls) -> ${shown}${more}`;
}

function pickExamples(
  candidates: Record<Mismatch, { calls: number; host: string; text: string }[]>,
  limit: number,
): Record<Mismatch, string[]> {
  const out = { 'over-merge': [], 'under-merge': [], other: [] } as Record<Mismatch, string[]>;
  for (const mismatch of Object.keys(out) as Mismatch[]) {
    const perHost = new Map<string, number>();
    for (const c of candidates[mismatch].sort((x, y) => y.calls - x.calls)) {
      const n = perHost.get(c.host) ?? 0;
      if (n >= 2) continue;
      perHost.set(c.host, n + 1);
      out[mismatch].push(c.text);
      if (out[mismatch].length >= limit) break;
    }
  }
  return out;
}

/** Per value kind: how often a spec parameter became a parameter in every path, or stayed literal. */
function byKind(byTruth: Map<string, Group>): Record<string, KindFigures> {
  const out: Record<string, KindFigures> = {};
  for (const g of byTruth.values()) {
    const segments = g.canon.split('/');
    let param = 0;
    for (let i = 0; i < segments.length; i++) {
      if (!segments[i]!.includes('{')) continue;
      const kind = g.paths[0]!.kinds[param] ?? 'unknown';
      param += segments[i]!.split('{').length - 1;
      const figures = (out[kind] ??= { params: 0, templated: 0, leftLiteral: 0 });
      figures.params++;
      let all = true;
      let literal = false;
      for (const p of g.paths) {
        const inferred = canonicalTemplate(p.inferred).split('/');
        const isParam = inferred.length === segments.length && inferred[i]!.includes('{');
        all &&= isParam;
        literal ||= inferred.length === segments.length && !inferred[i]!.includes('{');
      }
      if (all) figures.templated++;
      if (literal) figures.leftLiteral++;
    }
  }
  return out;
}
