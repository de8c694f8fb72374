/**
 * Endpoint templating: turns concrete request paths into templates such as `/users/{id}/orders`,
 * learning each host's structure from traffic alone (see template-tree.ts for the evidence rules).
 * Gateways that already know the route (API Gateway resourcePath/routeKey) pass it as declared.
 */
import { boundRawPath, pathSegments, splitPath } from '#shared/url/path-segments';
import {
  DEFAULT_TREE_OPTIONS,
  isProtectedContext,
  mergeLiterals,
  newNode,
  observe,
  walkLog,
  mergeDecision,
  type MergeDecision,
  type TemplateNode,
  type TreeOptions,
} from './template-tree.ts';
import { renderTemplate, terminalPaths, resolvePath } from './template-paths.ts';
import { applyRules, type TemplateRules } from './template-pins.ts';
import { nodeFromJson, nodeToJson, stateJsonBytes, type TemplateStateJson } from './template-state.ts';
import {
  boundSegments,
  boundTemplate,
  markerKind,
  REST_MARKER,
  TEMPLATE_BOUNDS,
  walkBoundSegments,
} from './template-bounds.ts';
import { functionCallTemplate, identifierKind, suffixedIdentifier } from './segment-kind.ts';
import { armNames, isArmNamePosition } from './template-arm.ts';
import { seededSlackBytes, walkAddedBytes } from './template-growth.ts';

export type { TemplateRules } from './template-pins.ts';
export type { TemplateStateJson } from './template-state.ts';

/** A template the learner replaced by a more general one; aggregates keyed by `from` move to `to`. */
export interface Rewrite {
  readonly host: string;
  readonly from: string;
  readonly to: string;
}

interface HostState {
  readonly root: TemplateNode;
  /** Concrete path -> template; cleared whenever the structure merges. */
  readonly cache: Map<string, string>;
  /** Bumped by every merge: rendered templates cached on nodes are stale after one. */
  generation: number;
  /**
   * An upper bound of the state's JSON bytes, kept up to date walk by walk (template-growth.ts) and
   * measured exactly when it crosses the bound.
   */
  bytes: number;
  /** What seeded parameters may still add (`seededSlackBytes`): kept above every exact measurement. */
  readonly slack: number;
  /** The exact size is over the bound: new literals are refused until a merge shrinks the state. */
  full: boolean;
}

/** Per host; ids make most paths unique, so a small cache holds the repeated ones. */
const CACHE_LIMIT = 2_000;
/** How close to its bound a host's state may come before the host counts as full (see overBudget). */
const FULL_MARGIN_BYTES = TEMPLATE_BOUNDS.maxStateBytes / 32;

function isFull(stateBytes: number): boolean {
  return stateBytes > TEMPLATE_BOUNDS.maxStateBytes - FULL_MARGIN_BYTES;
}

/** A segment that needs no new literal where the tree has none: it would go to a parameter. */
function isParameter(segment: string): boolean {
  return (
    markerKind(segment) !== undefined ||
    identifierKind(segment) !== undefined ||
    suffixedIdentifier(segment) !== undefined
  );
}

/**
 * For a full host: the nodes of the path's leading segments the tree already holds, when the path
 * then needs a new literal the host cannot learn; undefined when the tree holds (or a parameter
 * takes) every segment, and the caller templates normally. Segments are split and bounded only up
 * to where the path leaves the tree (a refused deep path is mostly refused at its first).
 */
function refusedAt(root: TemplateNode, rawPath: string): TemplateNode[] | undefined {
  const nodes: TemplateNode[] = [];
  let node = root;
  let refused = false;
  const walk = walkBoundSegments(pathSegments(rawPath), (raw) => {
    const segment = functionCallTemplate(raw) ?? raw;
    const next = node.literals?.get(segment.toLowerCase()) ?? node.param;
    if (next === undefined) {
      refused = !isParameter(segment);
      return false;
    }
    nodes.push((node = next));
    return true;
  });
  if (walk === 'stopped') return refused ? nodes : undefined;
  if (walk === 'ended') return undefined;
  // A bound may cut the path before it leaves the tree: decide on the bounded segments.
  nodes.length = 0;
  node = root;
  for (const raw of boundSegments(splitPath(rawPath))) {
    const segment = functionCallTemplate(raw) ?? raw;
    const next = node.literals?.get(segment.toLowerCase()) ?? node.param;
    if (next === undefined) return isParameter(segment) ? undefined : nodes;
    nodes.push((node = next));
  }
  return undefined;
}

/**
 * An ARM name position folds its names into the parameter, and takes later names at once unless a
 * singleton (`default`) is among its literals; a singleton seen after the first name is merged too.
 */
function armDecision(node: TemplateNode): MergeDecision {
  const names = armNames(node);
  if (names.size === 0) return 'none';
  return names.size === node.literals!.size ? 'all' : { keys: names };
}

/** Exact JSON bytes of a host's state as saved (template-state-store.ts), counted without saving it. */
function stateBytes(root: TemplateNode): number {
  return stateJsonBytes(root);
}

/** `observe` on a host's tree, its running size grown by what the walk added. */
function walk(state: HostState, segments: readonly string[], log = walkLog()): TemplateNode[] {
  const visited = observe(state.root, segments, log);
  state.bytes += walkAddedBytes(state.root, visited, log);
  return visited;
}

/** Removes `node`, just created by a walk, from `parent`: the literal, parameter or suffixed one. */
function detach(parent: TemplateNode, node: TemplateNode): void {
  if (parent.param === node) parent.param = undefined;
  else if (node.kind === undefined) {
    parent.literals!.delete(node.name.toLowerCase());
    if (parent.literals!.size === 0) parent.literals = undefined;
  } else {
    parent.suffixed!.delete(node.suffix);
    if (parent.suffixed!.size === 0) parent.suffixed = undefined;
  }
}

/** A host's state around a root just built or loaded, its size measured. */
function hostState(root: TemplateNode): HostState {
  const exact = stateBytes(root);
  const slack = seededSlackBytes(root);
  return { root, cache: new Map(), generation: 0, bytes: exact + slack, slack, full: isFull(exact) };
}

export class Templater {
  private readonly hosts = new Map<string, HostState>();
  private rewrites: Rewrite[] = [];
  private readonly options: TreeOptions;

  constructor(
    private readonly rulesByHost: ReadonlyMap<string, TemplateRules> = new Map(),
    options: Partial<TreeOptions> = {},
  ) {
    this.options = { ...DEFAULT_TREE_OPTIONS, ...options };
  }

  /** `templateOf('api.example.com', 'GET', '/users/42')` -> `/users/{id}`. */
  templateOf(host: string, _method: string, path: string, declaredTemplate?: string): string {
    if (declaredTemplate !== undefined) return boundTemplate(declaredTemplate);
    const state = this.state(host);
    const cached = state.cache.get(path);
    if (cached !== undefined) return cached;
    const bounded = boundRawPath(path);
    if (state.full) {
      // A full host learns nothing new: find, without growing the tree, where this path leaves it.
      const known = refusedAt(state.root, bounded);
      if (known !== undefined) {
        // Not cached: refused paths are mostly unique (that is what filled the host), walking to
        // where one leaves the tree is cheap, and keeping them would push the useful ones out.
        return boundTemplate(`${renderTemplate(known).replace(/\/$/, '')}/${REST_MARKER}`);
      }
    }
    const segments = boundSegments(splitPath(bounded));
    const log = walkLog();
    let visited = walk(state, segments, log);
    const { created, evidence, made } = log;
    let template: string;
    // Any new node counts, not only literals: a parameter or a suffixed parameter (`{id}:verbX`,
    // one per distinct suffix) grows the state too, and a full host must learn none of them.
    if (made.length > 0 && this.overBudget(state)) {
      // Keep what the host learned; count this path under its known prefix and one `{path}`.
      const depth = made[0]!;
      detach(depth === 0 ? state.root : visited[depth - 1]!, visited[depth]!);
      template = boundTemplate(
        `${renderTemplate(visited.slice(0, depth)).replace(/\/$/, '')}/${REST_MARKER}`,
      );
    } else {
      // A new file extension (`{id}.zip` beside `report.pdf`) is evidence at its parent too.
      const grown = evidence.length > 0 ? [...created, ...evidence] : created;
      if (grown.length > 0 && this.mergeAlong(host, state, visited, grown)) visited = walk(state, segments);
      // Rendering is cached on the endpoint's node, so repeated templates are one shared string.
      const last = visited[visited.length - 1] ?? state.root;
      if (last.renderedAt !== state.generation) {
        last.rendered = boundTemplate(renderTemplate(visited));
        last.renderedAt = state.generation;
      }
      template = last.rendered;
    }
    if (state.cache.size >= CACHE_LIMIT) state.cache.clear();
    state.cache.set(path, template);
    return template;
  }

  /** Rewrites decided since the last call; the caller moves its aggregates accordingly. */
  drainRewrites(): Rewrite[] {
    const out = this.rewrites;
    this.rewrites = [];
    return out;
  }

  /**
   * What a template stored earlier is now: `/p/jane.doe` -> `/p/{param}` once `/p/` merged. Never
   * changes the structure. Stored items can predate a merge made concurrently by another shard.
   */
  resolveTemplate(host: string, template: string): string {
    const state = this.hosts.get(host);
    if (state === undefined) return template;
    const steps = splitPath(template).map((segment) => {
      const param = /^\{[^{}]+\}(.*)$/.exec(segment);
      if (param === null) return segment.toLowerCase();
      return param[1] === '' ? undefined : `\u0000${param[1]}`;
    });
    const nodes = resolvePath(state.root, steps);
    return nodes.length === steps.length ? boundTemplate(renderTemplate(nodes)) : template;
  }

  /** The learned structure of a host, to persist (the pipeline keeps it in DynamoDB). */
  exportState(host: string): TemplateStateJson | undefined {
    const state = this.hosts.get(host);
    return state === undefined ? undefined : nodeToJson(state.root);
  }

  /** The running upper bound of a host's saved state bytes that its bound is checked against. */
  stateBytesBound(host: string): number | undefined {
    return this.hosts.get(host)?.bytes;
  }

  /** Restores a host's structure saved by `exportState`; the user's rules are applied on top. */
  importState(host: string, json: TemplateStateJson): void {
    const root = nodeFromJson(json);
    applyRules(root, this.rulesByHost.get(host));
    this.hosts.set(host, hostState(root));
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (state === undefined) {
      const root = newNode('', undefined);
      applyRules(root, this.rulesByHost.get(host));
      state = hostState(root);
      this.hosts.set(host, state);
    }
    return state;
  }

  /**
   * Is the host's state past its bound, now that a walk created nodes? The running size is an
   * upper bound; the whole tree is measured only when it crosses the bound, and once found full
   * the host stays full until a merge. A host within FULL_MARGIN_BYTES of the bound counts as full:
   * the running size overcounts a little (template-growth.ts), and a state measured just under the
   * bound would otherwise be measured again after every few literals.
   */
  private overBudget(state: HostState): boolean {
    if (state.full) return true;
    if (state.bytes <= TEMPLATE_BOUNDS.maxStateBytes) return false;
    this.measure(state);
    return state.full;
  }

  private measure(state: HostState): void {
    const exact = stateBytes(state.root);
    state.bytes = exact + state.slack;
    state.full = isFull(exact);
  }

  /**
   * A new literal at depth d changes the evidence at its parent (d - 1: a new sibling) and its
   * grandparent (d - 2: a sibling's continuation); those are checked, shallowest first.
   */
  private mergeAlong(
    host: string,
    state: HostState,
    visited: readonly TemplateNode[],
    created: number[],
  ): boolean {
    const depths = new Set<number>();
    for (const d of created) {
      if (d >= 1) depths.add(d - 1);
      depths.add(d);
    }
    // ARM names merge wherever the path created them, deepest first (a deeper merge leaves the
    // shallower nodes in place); other evidence merges at the shallowest position only.
    const arm = [...depths].filter((d) => isArmNamePosition(visited, d)).sort((a, b) => b - a);
    let merged = false;
    for (const depth of arm) merged = this.merge(host, state, visited, depth, armDecision) || merged;
    if (merged) return true;
    for (const depth of [...depths].sort((a, b) => a - b)) {
      const decide = (parent: TemplateNode): MergeDecision =>
        mergeDecision(
          parent,
          isProtectedContext(parent, depth === 0, this.options),
          this.options,
          depth === 0,
        );
      if (this.merge(host, state, visited, depth, decide)) return true;
    }
    return false;
  }

  /** Merges the children of the node at `depth` as `decide` says; reports the replaced templates. */
  private merge(
    host: string,
    state: HostState,
    visited: readonly TemplateNode[],
    depth: number,
    decide: (parent: TemplateNode) => MergeDecision,
  ): boolean {
    const parent = depth === 0 ? state.root : visited[depth - 1]!;
    const decision = decide(parent);
    if (decision === 'none') return false;
    const prefix = visited.slice(0, depth);
    const before = terminalPaths(parent, prefix);
    // A merge changes only the subtree below `parent`: its size before and after is the change.
    const bytesBefore = stateJsonBytes(parent);
    mergeLiterals(parent, decision, this.options);
    state.bytes += stateJsonBytes(parent) - bytesBefore;
    for (const old of before) {
      const from = boundTemplate(old.template);
      const to = boundTemplate(renderTemplate(resolvePath(state.root, old.steps)));
      if (to !== from) this.rewrites.push({ host, from, to });
    }
    state.cache.clear();
    state.generation++;
    // A merge folds literals together: the state may fit again.
    if (state.full) this.measure(state);
    return true;
  }
}
