/**
 * Scores inferred endpoint templates against the spec: precision, recall and recall over the
 * endpoints that traffic alone can reveal, per (host, method, template) with parameter names ignored.
 */

/** One distinct (host, method, path) of the traffic, with its spec template and the learner's. */
export interface ScoredPath {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  /** Ground truth: the spec template. */
  readonly truth: string;
  /** What the learner says at the end of the traffic. */
  readonly inferred: string;
  /** Calls to this path (to rank examples by impact). */
  readonly calls: number;
}

export interface Figures {
  readonly inferred: number;
  readonly inferredCorrect: number;
  readonly precision: number;
  /** Spec endpoints that received traffic. */
  readonly withTraffic: number;
  readonly recalled: number;
  readonly recall: number;
  readonly f1: number;
  readonly revealable: number;
  readonly revealableRecalled: number;
  readonly revealableRecall: number;
  readonly revealableF1: number;
}

const PARAM = /\{[^}/]*\}/g;

/** `/V2/Users/{user_id}/` -> `/v2/users/{}`: literals decoded and case-folded, parameters unnamed. */
export function canonicalTemplate(template: string): string {
  let out = '';
  for (const segment of template.split('/')) {
    if (segment === '') continue;
    out += '/' + (segment.includes('{') ? segment.replace(PARAM, '{}') : decodeSafe(segment)).toLowerCase();
  }
  return out === '' ? '/' : out;
}

/** The identity of an endpoint in scoring: `api.x.com GET /users/{}`. */
export function endpointKey(host: string, method: string, template: string): string {
  return `${host.toLowerCase()} ${method.toUpperCase()} ${canonicalTemplate(template)}`;
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Precision over inferred endpoints (correct = equals any spec endpoint), recall over spec endpoints
 * that received traffic, and revealable recall over those whose keys are in `revealable`.
 */
export function scoreTemplates(
  paths: Iterable<ScoredPath>,
  specKeys: ReadonlySet<string>,
  revealable: ReadonlySet<string>,
): Figures {
  const inferred = new Set<string>();
  const truths = new Set<string>();
  for (const p of paths) {
    inferred.add(endpointKey(p.host, p.method, p.inferred));
    truths.add(endpointKey(p.host, p.method, p.truth));
  }
  let inferredCorrect = 0;
  for (const key of inferred) if (specKeys.has(key)) inferredCorrect++;
  let recalled = 0;
  let revealableCount = 0;
  let revealableRecalled = 0;
  for (const key of truths) {
    const hit = inferred.has(key);
    if (hit) recalled++;
    if (revealable.has(key)) {
      revealableCount++;
      if (hit) revealableRecalled++;
    }
  }
  const precision = ratio(inferredCorrect, inferred.size);
  const recall = ratio(recalled, truths.size);
  const revealableRecall = ratio(revealableRecalled, revealableCount);
  return {
    inferred: inferred.size,
    inferredCorrect,
    precision,
    withTraffic: truths.size,
    recalled,
    recall,
    f1: harmonic(precision, recall),
    revealable: revealableCount,
    revealableRecalled,
    revealableRecall,
    revealableF1: harmonic(precision, revealableRecall),
  };
}

/** n / d, and 1 for an empty denominator (nothing to get wrong). */
function ratio(n: number, d: number): number {
  return d === 0 ? 1 : n / d;
}

function harmonic(a: number, b: number): number {
  return a + b === 0 ? 0 : (2 * a * b) / (a + b);
}
