/** Which documented operation an observed endpoint is (OpenAPI path templating rules). */
import { splitPath } from '#shared/url/path-segments';
import type { SpecModel, SpecOperation } from './spec-model.ts';

/**
 * Matching inventory endpoints to a spec's operations through a trie compiled once per spec. Per
 * OpenAPI path templating, a literal segment wins over a templated one when both could match; we
 * backtrack, so `/users/me/orders` still finds `/users/{id}/orders` when `/users/me` has no child.
 * Segments compare case-insensitively and empty segments (`//`, trailing `/`) are ignored, as the
 * inventory does when it templates paths.
 */

interface TrieNode {
  readonly literals: Map<string, TrieNode>;
  /** Segments mixing text and parameters (`{date}.csv`), tried after literals. */
  readonly patterns: { pattern: SegmentPattern; node: TrieNode }[];
  param: TrieNode | undefined;
  /** The spec path that ends here and its operations by method. */
  specPath: string | undefined;
  readonly operations: Map<string, SpecOperation>;
}

export interface CompiledSpec {
  readonly model: SpecModel;
  readonly basePaths: readonly string[][];
  readonly root: TrieNode;
}

export type MatchResult =
  | { readonly kind: 'operation'; readonly operation: SpecOperation; readonly specPath: string }
  | { readonly kind: 'path'; readonly specPath: string; readonly methods: readonly string[] }
  | { readonly kind: 'none' };

const PARAM_ONLY = /^\{[^{}]+\}$/;
const HAS_PARAM = /\{[^{}]+\}/;

/** Compiles a spec for matching; do it once per spec, not per call. */
export function compileSpec(model: SpecModel): CompiledSpec {
  const root = newNode();
  for (const operation of model.operations) {
    let node = root;
    for (const segment of splitTemplate(operation.path)) node = child(node, segment);
    node.specPath ??= operation.path;
    if (!node.operations.has(operation.method)) node.operations.set(operation.method, operation);
  }
  const basePaths = [...model.basePaths]
    .map((base) => splitTemplate(base).map((s) => s.toLowerCase()))
    .sort((a, b) => b.length - a.length);
  return { model, basePaths, root };
}

/** True when the spec applies to this host: it names the host, or names none at all. */
export function coversHost(spec: CompiledSpec, host: string): boolean {
  return spec.model.hosts.length === 0 || spec.model.hosts.includes(host.toLowerCase());
}

/**
 * Matches a method and a path (concrete `/users/42` or inventory template `/users/{id}`).
 * @example matchPath(compiled, 'GET', '/v1/users/{id}') -> { kind: 'operation', ... }
 */
export function matchPath(spec: CompiledSpec, method: string, path: string): MatchResult {
  const segments = splitPath(path);
  let best: MatchResult = { kind: 'none' };
  for (const base of spec.basePaths) {
    if (!startsWith(segments, base)) continue;
    const node = walk(spec.root, segments, base.length);
    if (node === undefined) continue;
    const specPath = node.specPath ?? '';
    const operation = operationFor(node, method.toUpperCase());
    if (operation !== undefined) return { kind: 'operation', operation, specPath };
    if (best.kind === 'none') best = { kind: 'path', specPath, methods: [...node.operations.keys()] };
  }
  return best;
}

// HEAD is served by GET handlers in most frameworks, so a documented GET covers HEAD.
function operationFor(node: TrieNode, method: string): SpecOperation | undefined {
  return node.operations.get(method) ?? (method === 'HEAD' ? node.operations.get('GET') : undefined);
}

function walk(node: TrieNode, segments: readonly string[], index: number): TrieNode | undefined {
  if (index === segments.length) return node.operations.size > 0 ? node : undefined;
  const segment = segments[index] as string;
  // An inventory parameter stands for many values: it can match a spec parameter or a mixed segment
  // (`{date}.csv`), never one literal.
  if (PARAM_ONLY.test(segment)) {
    const viaParam = node.param ? walk(node.param, segments, index + 1) : undefined;
    return viaParam ?? firstPattern(node, segments, index, undefined);
  }
  const lower = segment.toLowerCase();
  const literal = node.literals.get(lower);
  const viaLiteral = literal ? walk(literal, segments, index + 1) : undefined;
  if (viaLiteral) return viaLiteral;
  const viaPattern = firstPattern(node, segments, index, lower);
  if (viaPattern) return viaPattern;
  return node.param ? walk(node.param, segments, index + 1) : undefined;
}

/** `segment` lower-cased, or undefined for an inventory parameter (it may match any pattern). */
function firstPattern(
  node: TrieNode,
  segments: readonly string[],
  index: number,
  segment: string | undefined,
): TrieNode | undefined {
  for (const { pattern, node: next } of node.patterns) {
    if (segment !== undefined && !matchesPattern(pattern, segment)) continue;
    const found = walk(next, segments, index + 1);
    if (found) return found;
  }
  return undefined;
}

function child(node: TrieNode, segment: string): TrieNode {
  if (PARAM_ONLY.test(segment)) return (node.param ??= newNode());
  if (HAS_PARAM.test(segment)) {
    const pattern = segmentPattern(segment);
    const key = pattern.join('{}');
    const existing = node.patterns.find((p) => p.pattern.join('{}') === key);
    if (existing) return existing.node;
    const created = { pattern, node: newNode() };
    node.patterns.push(created);
    return created.node;
  }
  const key = segment.toLowerCase();
  let next = node.literals.get(key);
  if (next === undefined) node.literals.set(key, (next = newNode()));
  return next;
}

/**
 * A segment mixing text and parameters as its literal parts, lower-cased: `{date}.csv` ->
 * ['', '.csv'], `{a}{b}{c}` -> ['', '', '', '']. Parameters sit between parts and take at least one
 * character each.
 */
type SegmentPattern = readonly string[];

function segmentPattern(segment: string): SegmentPattern {
  return segment.split(/\{[^{}]+\}/).map((text) => text.toLowerCase());
}

/**
 * Does a lower-cased segment match? Each middle part is taken at its leftmost place after at least
 * one character of parameter, which leaves the most room to the rest: linear in the segment's
 * length times the parts, where a regex of `{a}{b}{c}...` would backtrack without bound.
 */
function matchesPattern(parts: SegmentPattern, segment: string): boolean {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!segment.startsWith(first)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = segment.indexOf(parts[i]!, at + 1);
    if (found < 0) return false;
    at = found + parts[i]!.length;
  }
  // The last parameter needs a character before the suffix.
  return segment.length - last.length >= at + 1 && segment.endsWith(last);
}

// Spec templates are not percent-encoded, so they are split without decoding.
function splitTemplate(template: string): string[] {
  return template.split('/').filter((s) => s !== '');
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > segments.length) return false;
  return prefix.every((p, i) => segments[i]?.toLowerCase() === p);
}

function newNode(): TrieNode {
  return { literals: new Map(), patterns: [], param: undefined, specPath: undefined, operations: new Map() };
}
