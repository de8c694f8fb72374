/**
 * The learned path structure of one host: a trie of segments in which a node's children are literal
 * segments or one parameter. Identifiers become parameters at once; other siblings merge into a
 * parameter on evidence (see `mergeDecision`). Merges are never undone by traffic, so templates only
 * get more general as traffic grows; each merge reports the templates it replaced.
 */
import { identifierKind, looksLikeValue, type ParamKind } from './segment-kind.ts';

export interface TreeOptions {
  /** Distinct value-looking siblings that make a parameter (default 3). */
  readonly valueSiblings: number;
  /** Distinct siblings of any kind that make a parameter (default 12). */
  readonly anySiblings: number;
  /** Literal children kept under one node before it must be a parameter (bounds memory; default 256). */
  readonly maxLiterals: number;
  /** Never merge vocabulary words directly under the root or a version segment (`/v1/{x}`). */
  readonly protectRootAndVersions: boolean;
  /**
   * Under a parameter, a literal seen below one value only (`/repos/{owner}/linux`) is a value too,
   * while one seen below several values (`/users/{id}/orders`) is a route.
   */
  readonly parentEvidence: boolean;
}

export const DEFAULT_TREE_OPTIONS: TreeOptions = {
  valueSiblings: 3,
  anySiblings: 12,
  maxLiterals: 256,
  protectRootAndVersions: true,
  parentEvidence: true,
};

export interface TemplateNode {
  /** Literal children by lower-cased segment. */
  literals: Map<string, TemplateNode> | undefined;
  param: TemplateNode | undefined;
  /** The segment as first seen (literal), or the parameter kind. */
  name: string;
  kind: ParamKind | 'param' | undefined;
  /** A request path ended here, so the node's template is an endpoint. */
  terminal: boolean;
  /** Pinned by the user: a pinned literal never merges, a pinned parameter always applies. */
  pinned: boolean;
  /** Merging under this node is forbidden by the user. */
  frozen: boolean;
  valueLike: boolean;
  /** For a literal: distinct parent segments it was seen below (first 2), to tell routes from values. */
  parentValues: Set<string> | undefined;
}

const VERSION_SEGMENT = /^(?:v\d+(?:[._]\d+)*(?:[a-z]+\d*)?|\d+\.\d+|api|apis|rest)$/i;

export function newNode(name: string, kind: TemplateNode['kind']): TemplateNode {
  return {
    literals: undefined,
    param: undefined,
    name,
    kind,
    terminal: false,
    pinned: false,
    frozen: false,
    valueLike: kind === undefined && looksLikeValue(name),
    parentValues: undefined,
  };
}

/** Walks (and grows) the tree along `segments`; returns the nodes visited, root excluded. */
export function observe(
  root: TemplateNode,
  segments: readonly string[],
  options: TreeOptions,
): TemplateNode[] {
  const visited: TemplateNode[] = [];
  let node = root;
  let previous = '';
  for (const segment of segments) {
    const next = child(node, segment, options);
    if (next.kind === undefined) noteParentValue(next, previous);
    node = next;
    previous = segment;
    visited.push(node);
  }
  node.terminal = true;
  return visited;
}

function noteParentValue(node: TemplateNode, value: string): void {
  const values = (node.parentValues ??= new Set());
  if (values.size < 2) values.add(value.toLowerCase());
}

/** A literal that evidence says is a route of the API rather than a value of a parameter. */
function isRoute(node: TemplateNode, parent: TemplateNode, options: TreeOptions): boolean {
  if (node.valueLike) return false;
  if (!options.parentEvidence || parent.kind === undefined) return true;
  return (node.parentValues?.size ?? 0) >= 2;
}

function child(parent: TemplateNode, segment: string, _options: TreeOptions): TemplateNode {
  const key = segment.toLowerCase();
  const literal = parent.literals?.get(key);
  if (literal !== undefined) return literal;
  const kind = identifierKind(segment);
  if (kind !== undefined) return (parent.param ??= newNode(kind, kind));
  if (parent.param !== undefined && !parent.frozen && (parent.param.pinned || looksLikeValue(segment))) {
    return parent.param;
  }
  const created = newNode(segment, undefined);
  (parent.literals ??= new Map()).set(key, created);
  return created;
}

/**
 * Whether the literal children of `node` are values of one parameter rather than distinct routes:
 * `values` folds the value-looking ones, `all` folds every unpinned literal.
 */
export function mergeDecision(
  node: TemplateNode,
  protectedContext: boolean,
  options: TreeOptions,
): MergeDecision {
  if (node.literals === undefined || node.frozen) return 'none';
  let values = 0;
  let total = 0;
  for (const c of node.literals.values()) {
    if (c.pinned) continue;
    total++;
    if (!isRoute(c, node, options)) values++;
  }
  if (total >= options.maxLiterals) return 'all';
  if (!protectedContext && total >= options.anySiblings) return 'all';
  if (values >= options.valueSiblings && values * 2 >= total) return 'values';
  return 'none';
}

export type MergeDecision = 'none' | 'values' | 'all';

/** True where vocabulary siblings must not merge: the root and right after `v1`, `api`, `1.0`. */
export function isProtectedContext(node: TemplateNode, isRoot: boolean, options: TreeOptions): boolean {
  return (
    options.protectRootAndVersions && (isRoot || (node.kind === undefined && VERSION_SEGMENT.test(node.name)))
  );
}

/** Folds unpinned literal children of `node` (all, or the values) into its parameter child. */
export function mergeLiterals(node: TemplateNode, decision: MergeDecision, options: TreeOptions): void {
  if (node.literals === undefined || decision === 'none') return;
  const target = (node.param ??= newNode('param', 'param'));
  for (const [key, c] of node.literals) {
    if (c.pinned || (decision === 'values' && isRoute(c, node, options))) continue;
    node.literals.delete(key);
    union(target, c);
  }
  if (node.literals.size === 0) node.literals = undefined;
  settle(target, options);
}

/** Merges wherever a union made the evidence sufficient, top-down through the subtree. */
function settle(node: TemplateNode, options: TreeOptions): void {
  mergeLiterals(node, mergeDecision(node, isProtectedContext(node, false, options), options), options);
  if (node.literals !== undefined) for (const c of node.literals.values()) settle(c, options);
  if (node.param !== undefined) settle(node.param, options);
}

function union(into: TemplateNode, from: TemplateNode): void {
  into.terminal ||= from.terminal;
  for (const value of from.parentValues ?? []) noteParentValue(into, value);
  if (from.literals !== undefined) {
    for (const [key, c] of from.literals) {
      const existing = into.literals?.get(key);
      if (existing === undefined) (into.literals ??= new Map()).set(key, c);
      else union(existing, c);
    }
  }
  if (from.param !== undefined) {
    if (into.param === undefined) into.param = from.param;
    else union(into.param, from.param);
  }
}
