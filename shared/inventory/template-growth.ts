/**
 * What one walk of the trie (`observe`) added to a host's saved state, in JSON bytes: an upper bound,
 * exact for new nodes, so the templater keeps a running size of each host's state instead of
 * measuring the whole tree (`stateJsonBytes`) whenever a loose estimate crosses the bound.
 */
import type { TemplateNode, WalkLog } from './template-tree.ts';
import { jsonStringBytes, nodeFlags, stateJsonBytes } from './template-state.ts';

/** `,"e":[".docx"]`: a noted extension is a known one, at most 4 letters (`fileExtension`). */
const EXTENSION_BYTES = 14;
/** `,"f":1`: a node that had no flags becomes terminal. */
const TERMINAL_BYTES = 6;
/**
 * A spec-seeded parameter takes the kind of its first identifier (`child` in template-tree.ts):
 * `"k":"param"` becomes at most `"k":"number"` (+1), and a parameter named `param` gains
 * `"n":"param",` (+12) once its name no longer equals its kind.
 */
export const SEEDED_KIND_BYTES = 13;

/**
 * Bytes a walk added, given what `observe` logged: the nodes it created (every node after the first
 * is below it, so that node's subtree holds all of them), the extensions it noted at nodes that
 * existed before, and whether its end became terminal. Assumes `observe` ran without parent
 * tracking, as the templater calls it.
 */
export function walkAddedBytes(root: TemplateNode, visited: readonly TemplateNode[], log: WalkLog): number {
  const first = log.made.length > 0 ? log.made[0]! : visited.length;
  let bytes = 0;
  // An extension noted at a node that existed before the walk (its parent is at depth - 1).
  for (const depth of log.evidence) if (depth <= first) bytes += EXTENSION_BYTES;
  if (first < visited.length)
    return bytes + newSubtreeBytes(root, first === 0 ? root : visited[first - 1]!, visited[first]!);
  // Terminal is flag 1: added to other flags (never odd before) it changes a digit, not the length.
  if (log.newEnd && nodeFlags(visited[visited.length - 1] ?? root) === 1) bytes += TERMINAL_BYTES;
  return bytes;
}

/** A new node under `parent` with everything below it, and its entry in `parent` (exact). */
function newSubtreeBytes(root: TemplateNode, parent: TemplateNode, node: TemplateNode): number {
  if (parent.param === node) return 4 + comma(root, parent, 'p') + stateJsonBytes(node);
  if (node.kind === undefined) {
    const size = parent.literals!.size;
    const entry = jsonStringBytes(node.name) + 1 + (size > 1 ? 1 : 0);
    return entry + (size === 1 ? 6 + comma(root, parent, 'l') : 0) + stateJsonBytes(node, true);
  }
  const size = parent.suffixed!.size;
  const entry = jsonStringBytes(node.suffix) + 1 + (size > 1 ? 1 : 0);
  return entry + (size === 1 ? 6 + comma(root, parent, 's') : 0) + stateJsonBytes(node);
}

/** 1 when `parent`'s saved object has a member besides the one just added (`member`), else 0. */
function comma(root: TemplateNode, parent: TemplateNode, member: 'l' | 'p' | 's'): number {
  const others =
    parent === root || // the root always carries `"n":""`
    parent.kind !== undefined ||
    nodeFlags(parent) !== 0 ||
    (member !== 'l' && parent.literals !== undefined) ||
    (member !== 'p' && parent.param !== undefined) ||
    (member !== 's' && parent.suffixed !== undefined) ||
    parent.parentValues !== undefined ||
    parent.absorbed !== undefined ||
    parent.extensions !== undefined;
  return others ? 1 : 0;
}

/** The most a state loaded or seeded with these nodes can grow without a walk creating anything. */
export function seededSlackBytes(node: TemplateNode): number {
  let bytes = node.seeded && node.kind === 'param' ? SEEDED_KIND_BYTES : 0;
  for (const c of node.literals?.values() ?? []) bytes += seededSlackBytes(c);
  if (node.param !== undefined) bytes += seededSlackBytes(node.param);
  for (const c of node.suffixed?.values() ?? []) bytes += seededSlackBytes(c);
  return bytes;
}
