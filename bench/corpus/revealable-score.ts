/**
 * Revealable precision and recall: what traffic alone can decide. A parameter is revealable when its
 * values look like identifiers or traffic showed at least 3 distinct values of it; a parameter seen
 * with 1-2 word values cannot be told from a route by anyone, so an inferred endpoint that differs
 * from its spec template only by such literals left in place is neutral (counted neither right nor
 * wrong). Every other wrong endpoint counts. Figures are given overall and per value kind.
 * A parameter that spans several segments (kind `resource-path`: Azure's `{scope}`) has no
 * segment-wise spec template to compare with: its endpoints are not revealable and the inferred
 * endpoints of its paths neutral, unless they are a spec endpoint.
 */
import { canonicalTemplate, endpointKey } from './template-score.ts';
import { ID_LIKE_KINDS, type ValueKind } from './values.ts';

/** One distinct (host, method, path) with its spec template, what the learner said, and its values. */
export interface RevealablePath {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly truth: string;
  readonly inferred: string;
  /** Per spec parameter, in order: the value, its kind and the pool it was drawn from. */
  readonly values: readonly string[];
  readonly kinds: readonly string[];
  readonly pools: readonly string[];
  readonly calls: number;
}

export interface RevealableFigures {
  readonly inferred: number;
  readonly neutral: number;
  readonly correct: number;
  readonly precision: number;
  readonly revealable: number;
  readonly recalled: number;
  readonly recall: number;
}

export interface RevealableReport extends RevealableFigures {
  /** The same figures over endpoints whose spec template has a parameter of that kind (`static`: none). */
  readonly byKind: Record<string, RevealableFigures>;
  /** Wrong (not neutral) inferred endpoints, most-called first: `key <- spec template`. */
  readonly wrongExamples: readonly string[];
}

/** Pools traffic can reveal: id-like values, or at least 3 distinct values seen. */
export function revealablePools(paths: Iterable<RevealablePath>): Set<string> {
  const seen = new Map<string, Set<string>>();
  const out = new Set<string>();
  for (const p of paths) {
    p.pools.forEach((pool, i) => {
      if (out.has(pool) || p.kinds[i] === 'resource-path') return;
      if (ID_LIKE_KINDS.has(p.kinds[i] as ValueKind)) return void out.add(pool);
      const set = seen.get(pool) ?? new Set<string>();
      seen.set(pool, set);
      set.add(p.values[i]!);
      if (set.size >= 3) out.add(pool);
    });
  }
  return out;
}

/** Spec endpoints traffic can reveal: static, or every parameter's pool revealable. */
export function revealableEndpointKeys(
  paths: Iterable<RevealablePath>,
  pools: ReadonlySet<string>,
): Set<string> {
  const out = new Set<string>();
  for (const p of paths)
    if (p.pools.every((pool) => pools.has(pool))) out.add(endpointKey(p.host, p.method, p.truth));
  return out;
}

type Verdict = 'correct' | 'neutral' | 'wrong';

/**
 * Scores `paths` (the traffic's distinct paths with the learner's templates) against `specKeys`.
 * An inferred endpoint is neutral only when every path behind it is its spec template with some
 * unrevealable parameters left as their literal values, and nothing else differs.
 */
export function scoreRevealable(
  paths: readonly RevealablePath[],
  specKeys: ReadonlySet<string>,
  pools: ReadonlySet<string> = revealablePools(paths),
): RevealableReport {
  const revealable = revealableEndpointKeys(paths, pools);
  const inferred = new Map<string, { verdict: Verdict; kinds: Set<string>; calls: number; truth: string }>();
  const truths = new Map<string, Set<string>>();
  for (const p of paths) {
    const key = endpointKey(p.host, p.method, p.inferred);
    const kinds = kindsOf(p);
    const verdict: Verdict = specKeys.has(key) ? 'correct' : undecidable(p, pools) ? 'neutral' : 'wrong';
    const entry = inferred.get(key);
    if (entry === undefined)
      inferred.set(key, { verdict, kinds: new Set(kinds), calls: p.calls, truth: p.truth });
    else {
      entry.calls += p.calls;
      if (entry.verdict === 'neutral' && verdict === 'wrong') entry.verdict = 'wrong';
      for (const k of kinds) entry.kinds.add(k);
    }
    const truthKey = endpointKey(p.host, p.method, p.truth);
    if (!truths.has(truthKey)) truths.set(truthKey, new Set(kinds));
  }
  const tally = (kind: string | undefined): RevealableFigures => {
    let total = 0;
    let neutral = 0;
    let correct = 0;
    for (const { verdict, kinds } of inferred.values()) {
      if (kind !== undefined && !kinds.has(kind)) continue;
      total++;
      if (verdict === 'neutral') neutral++;
      else if (verdict === 'correct') correct++;
    }
    let revealableCount = 0;
    let recalled = 0;
    for (const [key, kinds] of truths) {
      if (!revealable.has(key) || (kind !== undefined && !kinds.has(kind))) continue;
      revealableCount++;
      if (inferred.has(key)) recalled++;
    }
    return {
      inferred: total,
      neutral,
      correct,
      precision: ratio(correct, total - neutral),
      revealable: revealableCount,
      recalled,
      recall: ratio(recalled, revealableCount),
    };
  };
  const allKinds = new Set<string>();
  for (const kinds of truths.values()) for (const k of kinds) allKinds.add(k);
  const byKind: Record<string, RevealableFigures> = {};
  for (const kind of [...allKinds].sort()) byKind[kind] = tally(kind);
  const wrongExamples = [...inferred]
    .filter(([, e]) => e.verdict === 'wrong')
    .sort((a, b) => b[1].calls - a[1].calls)
    .map(([key, e]) => `${key} <- ${e.truth} (${e.calls} calls)`);
  return { ...tally(undefined), byKind, wrongExamples };
}

function kindsOf(p: RevealablePath): string[] {
  return p.kinds.length === 0 ? ['static'] : [...new Set(p.kinds)];
}

/** Whether traffic cannot decide `p`'s template: literals left for unrevealable values, or a resource path. */
export function undecidable(p: RevealablePath, pools: ReadonlySet<string>): boolean {
  return p.kinds.includes('resource-path') || literalOnlyMiss(p, pools);
}

/**
 * True when `p.inferred` is `p.truth` with one or more parameters left as their literal value, each
 * from an unrevealable pool, and every other segment the same.
 */
export function literalOnlyMiss(p: RevealablePath, pools: ReadonlySet<string>): boolean {
  const truth = canonicalTemplate(p.truth).split('/');
  const inferred = canonicalTemplate(p.inferred).split('/');
  if (truth.length !== inferred.length) return false;
  let param = 0;
  let left = 0;
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i]!;
    const own = inferred[i]!;
    const params = t.split('{}').length - 1;
    if (params === 0) {
      if (t !== own) return false;
      continue;
    }
    const index = param;
    param += params;
    if (t === own) continue;
    // Only a single-parameter segment can be checked against its value (`{}` or `{}.json`).
    if (params !== 1) return false;
    const literal = t.replace('{}', p.values[index]!.toLowerCase());
    if (own !== literal || pools.has(p.pools[index]!)) return false;
    left++;
  }
  return left > 0;
}

function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}
