/** Rendering and walking templates in a host's structure. */
import { segmentSuffix } from './segment-kind.ts';
import type { TemplateNode } from './template-tree.ts';

/** One step of a path through the tree: a literal's lower-cased key, or `undefined` for the parameter. */
export type Step = string | undefined;

const PARAM_NAMES: Record<string, string> = {
  id: 'id',
  uuid: 'id',
  hash: 'id',
  number: 'id',
  token: 'id',
  date: 'date',
  email: 'email',
  ip: 'ip',
  param: 'param',
  // Markers (template-bounds.ts): sensitive values and the folded rest of an over-long path.
  ssn: 'ssn',
  card: 'card',
  phone: 'phone',
  'aws-key': 'aws-key',
  jwt: 'jwt',
  credential: 'credential',
  path: 'path',
};

/** `/users/{id}/orders` from the nodes a path visited; repeated parameter names get a suffix. */
export function renderTemplate(nodes: readonly TemplateNode[]): string {
  if (nodes.length === 0) return '/';
  let out = '';
  let used: Set<string> | undefined;
  for (const node of nodes) {
    if (node.kind === undefined) {
      out += '/' + node.name;
      continue;
    }
    const base = node.pinned && !node.seeded ? node.name : (PARAM_NAMES[node.kind] ?? 'param');
    let name = base;
    used ??= new Set();
    for (let n = 2; used.has(name); n++) name = base + n;
    used.add(name);
    out += '/{' + name + '}' + node.suffix;
  }
  return out;
}

export interface TerminalPath {
  readonly template: string;
  readonly steps: readonly Step[];
}

/** Every endpoint template at or below `node`, reached through `prefix` (the nodes above it). */
export function terminalPaths(node: TemplateNode, prefix: readonly TemplateNode[]): TerminalPath[] {
  const out: TerminalPath[] = [];
  const walk = (current: TemplateNode, nodes: TemplateNode[]): void => {
    if (current.terminal && nodes.length > prefix.length) {
      out.push({ template: renderTemplate(nodes), steps: nodes.map(stepOf) });
    }
    if (current.literals !== undefined) for (const c of current.literals.values()) walk(c, [...nodes, c]);
    if (current.param !== undefined) walk(current.param, [...nodes, current.param]);
    if (current.suffixed !== undefined) for (const c of current.suffixed.values()) walk(c, [...nodes, c]);
  };
  walk(node, [...prefix]);
  return out;
}

function stepOf(node: TemplateNode): Step {
  if (node.kind === undefined) return node.name.toLowerCase();
  return node.suffix === '' ? undefined : SUFFIXED + node.suffix;
}

/** The suffixed parameter a literal step folded into (`news:export` -> `{param}:export`), if any. */
function suffixedFor(node: TemplateNode, step: string): TemplateNode | undefined {
  if (node.suffixed === undefined) return undefined;
  // Steps are lower-cased; suffixes keep their case (`:setIamPolicy`).
  const suffix = segmentSuffix(step);
  if (suffix === undefined) return undefined;
  for (const [key, c] of node.suffixed) if (key.toLowerCase() === suffix) return c;
  return undefined;
}

/** Marks a step through a suffixed parameter (no literal segment starts with NUL). */
const SUFFIXED = '\u0000';

/** The nodes a recorded path leads to now: a literal that merged away resolves to the parameter. */
export function resolvePath(root: TemplateNode, steps: readonly Step[]): TemplateNode[] {
  const nodes: TemplateNode[] = [];
  let node = root;
  for (const step of steps) {
    const next =
      step !== undefined && step.startsWith(SUFFIXED)
        ? // A file-extension parameter folds into the parameter once the position holds file names.
          (node.suffixed?.get(step.slice(1)) ?? (node.fileNames ? node.param : undefined))
        : ((step === undefined ? undefined : (node.literals?.get(step) ?? suffixedFor(node, step))) ??
          node.param);
    if (next === undefined) break;
    nodes.push(next);
    node = next;
  }
  return nodes;
}
