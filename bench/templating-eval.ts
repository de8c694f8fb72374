/**
 * Templating evaluation on real OpenAPI specs: realistic traffic over the APIs.guru corpus goes
 * through the Templater (and, as a baseline, har-to-openapi's URL parameterization) and the inferred
 * endpoints are scored against the specs.
 *
 *   tsx bench/templating-eval.ts [--apis N] [--seed S] [--calls N] [--json]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { parameterizeUrl } from 'har-to-openapi/dist/utils/string.js';
import { followTemplater, type FollowedPath } from './corpus/follow-templater.ts';
import { loadSpecs } from './corpus/openapi-specs.ts';
import { generateTraffic } from './corpus/openapi-traffic.ts';
import { errorCategories } from './corpus/error-categories.ts';
import {
  revealablePools,
  scoreRevealable,
  type RevealableFigures,
  type RevealableReport,
  undecidable,
} from './corpus/revealable-score.ts';
import { diagnose, type Diagnostics } from './corpus/template-diagnostics.ts';
import { canonicalTemplate, endpointKey, scoreTemplates, type Figures } from './corpus/template-score.ts';
import { ID_LIKE_KINDS, type ValueKind } from './corpus/values.ts';

const TARGETS = { precision: 0.95, revealableRecall: 0.9, revealablePrecision: 0.9 };

interface Options {
  apis?: number;
  seed: number;
  calls: number;
  json: boolean;
}

const options = new Command()
  .option('--apis <n>', 'APIs to sample, counting those with endpoints (default: all)', (v) =>
    Number.parseInt(v, 10),
  )
  .option('--seed <n>', 'seed of sampling and traffic', (v) => Number.parseInt(v, 10), 1)
  .option('--calls <n>', 'calls to generate', (v) => Number.parseInt(v, 10), 1_000_000)
  .option('--json', 'write bench/out/templating-eval.json', false)
  .parse()
  .opts<Options>();

let started = performance.now();
const specs = loadAtLeast(options.apis, options.seed);
const loadMs = performance.now() - started;
const specKeys = new Set(
  specs.flatMap((a) => a.endpoints.map((e) => endpointKey(a.host, e.method, e.template))),
);

started = performance.now();
const followed = followTemplater(generateTraffic(specs, { seed: options.seed, calls: options.calls }));
const runMs = performance.now() - started;
const paths = [...followed.paths.values()];
const revealable = revealableKeys(paths);
const pools = revealablePools(paths);

const ours = evaluate(paths);
// Following rewrites gives what the inventory holds; asking again shows whether the templater still
// agrees (it may not: a merged literal seen again can grow back as a literal). Asked after scoring,
// since asking observes the path once more.
const askedAgain = paths.map((p) => ({
  ...p,
  inferred: followed.templater.templateOf(p.host, p.method, p.path),
}));
const disagreements = askedAgain.filter(
  (p, i) => canonicalTemplate(p.inferred) !== canonicalTemplate(paths[i]!.inferred),
);
const again = evaluate(askedAgain);

started = performance.now();
const baseline = evaluate(paths.map((p) => ({ ...p, inferred: harTemplate(p.host, p.path) })));
const baselineMs = performance.now() - started;

const report = {
  options: { ...options, apis: options.apis ?? 'all' },
  corpus: {
    apis: specs.length,
    hosts: new Set(specs.map((s) => s.host)).size,
    specEndpoints: specKeys.size,
    calls: options.calls,
    distinctPaths: paths.length,
  },
  timingsMs: {
    loadSpecs: loadMs,
    trafficAndTemplater: runMs,
    templaterOnly: followed.templaterMs,
    baseline: baselineMs,
  },
  targets: TARGETS,
  templater: { ...ours, rewrites: followed.rewrites, rewriteDisagreements: disagreements.length },
  templaterAskedAgain: again.figures,
  harToOpenapi: baseline,
};
printSummary();
if (options.json) {
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/templating-eval.json', JSON.stringify(report, null, 2) + '\n');
  console.log('\nwrote bench/out/templating-eval.json');
}

function evaluate(scored: FollowedPath[]): {
  figures: Figures;
  revealable: RevealableReport;
  diagnostics: Diagnostics;
} {
  return {
    figures: scoreTemplates(scored, specKeys, revealable),
    revealable: scoreRevealable(scored, specKeys, pools),
    diagnostics: diagnose(scored, specKeys),
  };
}

/**
 * Spec endpoints traffic alone can reveal: static, or every parameter looks like an id or showed at
 * least 3 distinct values at its position (values are pooled per template prefix, see the corpus).
 * A parameter that spans segments (`resource-path`) has no segment-wise template to reveal.
 */
function revealableKeys(all: readonly FollowedPath[]): Set<string> {
  const seen = new Map<string, Set<string>>();
  for (const p of all) {
    p.pools.forEach((pool, i) => {
      const set = seen.get(pool) ?? new Set<string>();
      seen.set(pool, set);
      if (set.size < 3) set.add(p.values[i]!);
    });
  }
  const out = new Set<string>();
  for (const p of all) {
    const ok = p.pools.every(
      (pool, i) =>
        p.kinds[i] !== 'resource-path' &&
        (ID_LIKE_KINDS.has(p.kinds[i] as ValueKind) || seen.get(pool)!.size >= 3),
    );
    if (ok) out.add(endpointKey(p.host, p.method, p.truth));
  }
  return out;
}

/**
 * `apis` APIs that have endpoints (a few documents in the directory have none): the sample grows
 * past `apis` documents until that many load. The sample's order is fixed by the seed, so a larger
 * sample holds a smaller one.
 */
function loadAtLeast(apis: number | undefined, seed: number): ReturnType<typeof loadSpecs> {
  let documents = apis;
  let loaded = loadSpecs({ apis: documents, seed });
  while (apis !== undefined && documents !== undefined && loaded.length < apis && documents < apis * 2) {
    documents += apis - loaded.length;
    loaded = loadSpecs({ apis: documents, seed });
  }
  return loaded;
}

/** har-to-openapi turns each URL into a template on its own (numbers > 3 digits, UUIDs, dates, booleans). */
function harTemplate(host: string, path: string): string {
  return parameterizeUrl(new URL(`https://${host}${path}`).pathname).path;
}

function pathKey(p: FollowedPath): string {
  return `${p.host}\u0000${p.method}\u0000${p.path}`;
}

function printSummary(): void {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5) + '%';
  const c = report.corpus;
  console.log(
    `corpus: ${c.apis} APIs on ${c.hosts} hosts, ${c.specEndpoints} spec endpoints; ${c.calls} calls over ` +
      `${c.distinctPaths} distinct paths (seed ${options.seed})`,
  );
  const t = report.timingsMs;
  console.log(
    `time: load ${(t.loadSpecs / 1000).toFixed(1)} s, traffic+templater ${(t.trafficAndTemplater / 1000).toFixed(1)} s ` +
      `(templater ${(t.templaterOnly / 1000).toFixed(1)} s, ${((t.templaterOnly * 1000) / c.calls).toFixed(2)} us/call)`,
  );
  console.log('\n                   precision  recall  F1     revealable-recall  revealable-F1');
  for (const [name, r] of [
    ['templater', ours.figures],
    ['  asked again', again.figures],
    ['har-to-openapi', baseline.figures],
  ] as const) {
    console.log(
      `${name.padEnd(18)} ${pct(r.precision)}    ${pct(r.recall)}  ${pct(r.f1)}  ${pct(r.revealableRecall)}             ${pct(r.revealableF1)}`,
    );
  }
  console.log(
    `target             >=${pct(TARGETS.precision)}                   >=${pct(TARGETS.revealableRecall)}`,
  );
  const f = ours.figures;
  console.log(
    `\ntemplater: ${f.inferredCorrect}/${f.inferred} inferred correct; ${f.recalled}/${f.withTraffic} spec endpoints ` +
      `with traffic recalled; ${f.revealableRecalled}/${f.revealable} revealable; ${followed.rewrites} rewrites; ` +
      `${disagreements.length} paths whose template asked again differs from the inventory's (rewrites followed)` +
      disagreements
        .slice(0, 3)
        .map(
          (p) =>
            `\n  ${p.host} ${p.path}\n    inventory ${followed.paths.get(pathKey(p))!.inferred}\n    asked     ${p.inferred}`,
        )
        .join(''),
  );
  printRevealable();
  printCategories();
  printDiagnostics('templater', ours.diagnostics);
  printDiagnostics('har-to-openapi', baseline.diagnostics, 5);
}

/** Revealable precision and recall, overall and per value kind, the templater beside the peer. */
function printRevealable(): void {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5) + '%';
  const cells = (r: RevealableFigures): string =>
    `${pct(r.precision)} ${pct(r.recall)} ${String(r.inferred - r.neutral).padStart(6)} ${String(r.neutral).padStart(5)}`;
  const o = ours.revealable;
  const b = baseline.revealable;
  console.log(
    '\nrevealable (a literal left for a parameter seen with 1-2 word values is neutral; every other wrong endpoint counts)',
  );
  console.log(
    `${''.padEnd(16)} templater: precision recall scored neutral | har-to-openapi: precision recall scored neutral`,
  );
  console.log(`${'all'.padEnd(16)} ${cells(o)} | ${cells(b)}`);
  console.log(`target           >=${pct(TARGETS.revealablePrecision)} >=${pct(TARGETS.revealableRecall)}`);
  const kinds = Object.keys(o.byKind).sort((x, y) => o.byKind[y]!.inferred - o.byKind[x]!.inferred);
  for (const kind of kinds)
    console.log(`${kind.padEnd(16)} ${cells(o.byKind[kind]!)} | ${cells(b.byKind[kind]!)}`);
  console.log(`  templater's wrong endpoints, most-called first (${o.wrongExamples.length}):`);
  for (const e of o.wrongExamples.slice(0, 30)) console.log(`    ${e}`);
}

/** The templater's wrong endpoints by what went wrong first, largest classes first. */
function printCategories(): void {
  const categories = errorCategories(paths, specKeys, (p) => !undecidable(p, pools));
  console.log(`\n  templater's wrong endpoints by category (${categories.length} categories):`);
  for (const c of categories.slice(0, 25)) {
    console.log(`    ${String(c.endpoints).padStart(5)}  ${c.name}`);
    for (const e of c.examples.slice(0, 2)) console.log(`             ${e}`);
  }
}

function printDiagnostics(name: string, d: Diagnostics, examples = 15): void {
  const line = (r: Record<string, number>): string =>
    Object.entries(r)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  console.log(
    `\n${name}: missed spec endpoints: ${line(d.missedSpec)}; wrong inferred: ${line(d.wrongInferred)}`,
  );
  for (const [mismatch, list] of Object.entries(d.examples)) {
    if (list.length === 0) continue;
    console.log(`  ${mismatch} (most-called first):`);
    for (const e of list.slice(0, examples)) console.log(`    ${e}`);
  }
  if (name !== 'templater') return;
  console.log(
    '  by value kind: (spec endpoint, parameter) pairs / all paths templated / some path left literal',
  );
  const kinds = Object.entries(d.byKind).sort((a, b) => b[1].params - a[1].params);
  for (const [kind, k] of kinds) {
    const share = (n: number): string => ((n / k.params) * 100).toFixed(0).padStart(3) + '%';
    console.log(
      `    ${kind.padEnd(14)} ${String(k.params).padStart(6)}  ${share(k.templated)}  ${share(k.leftLiteral)}`,
    );
  }
}
