/**
 * The learned path structure of one host: a trie of segments in which a node's children are literal
 * segments or one parameter. Identifiers become parameters at once; other siblings merge into a
 * parameter on evidence (see `shouldMerge`). Merges are never undone by traffic, so templates only
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
}

export const DEFAULT_TREE_OPTIONS: TreeOptions = {
  valueSiblings: 3,
  anySiblings: 12,
  maxLiterals: 256,
  protectRootAndVersions: true,
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
  for (const segment of segments) {
    node = child(node, segment, options);
    visited.push(node);
  }
  node.terminal = true;
  return visited;
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

/** Whether the literal children of `node` are values of one parameter rather than distinct routes. */
export function shouldMerge(node: TemplateNode, protectedContext: boolean, options: TreeOptions): boolean {
  if (node.literals === undefined || node.frozen) return false;
  let values = 0;
  let total = 0;
  for (const c of node.literals.values()) {
    if (c.pinned) continue;
    total++;
    if (c.valueLike) values++;
  }
  if (total >= options.maxLiterals) return true;
  if (values >= options.valueSiblings && values * 2 >= total) return true;
  return !protectedContext && total >= options.anySiblings;
}

/** True where vocabulary siblings must not merge: the root and right after `v1`, `api`, `1.0`. */
export function isProtectedContext(node: TemplateNode, isRoot: boolean, options: TreeOptions): boolean {
  return (
    options.protectRootAndVersions && (isRoot || (node.kind === undefined && VERSION_SEGMENT.test(node.name)))
  );
}

/** Folds every unpinned literal child of `node` into its parameter child, merging subtrees. */
export function mergeLiterals(node: TemplateNode, options: TreeOptions): void {
  if (node.literals === undefined) return;
  const target = (node.param ??= newNode('param', 'param'));
  for (const [key, c] of node.literals) {
    if (c.pinned) continue;
    node.literals.delete(key);
    union(target, c);
  }
  if (node.literals.size === 0) node.literals = undefined;
  settle(target, options);
}

/** Merges wherever a union made the evidence sufficient, top-down through the subtree. */
function settle(node: TemplateNode, options: TreeOptions): void {
  if (shouldMerge(node, isProtectedContext(node, false, options), options)) mergeLiterals(node, options);
  if (node.literals !== undefined) for (const c of node.literals.values()) settle(c, options);
  if (node.param !== undefined) settle(node.param, options);
}

function union(into: TemplateNode, from: TemplateNode): void {
  into.terminal ||= from.terminal;
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
