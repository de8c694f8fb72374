/** A host's learned structure as JSON, for persistence (DynamoDB in the pipeline, files in tests). */
import { newNode, type TemplateNode } from './template-tree.ts';

/**
 * Compact node: name, kind, flags (1 terminal, 2 pinned, 4 frozen, 8 merged all, 16 seeded),
 * children, parameter. A literal child is keyed by its name as first seen and carries no `n`; a
 * parameter named after its kind carries no `n` either (the name was half of a large host's bytes,
 * and the state has a bound). States saved with `n` everywhere still load.
 */
export interface TemplateStateJson {
  n?: string;
  k?: string;
  f?: number;
  l?: Record<string, TemplateStateJson>;
  p?: TemplateStateJson;
  /** Parent segments a literal was seen below (evidence for merging). */
  v?: string[];
  /** Literal keys folded into the parameter. */
  a?: string[];
  /** Suffixed parameters by suffix, and the suffix of this one. */
  s?: Record<string, TemplateStateJson>;
  x?: string;
}

export function nodeToJson(node: TemplateNode, keyedByName = false): TemplateStateJson {
  const json: TemplateStateJson = {};
  if (!keyedByName && node.name !== node.kind) json.n = node.name;
  if (node.kind !== undefined) json.k = node.kind;
  const flags =
    (node.terminal ? 1 : 0) |
    (node.pinned ? 2 : 0) |
    (node.frozen ? 4 : 0) |
    (node.mergedAll ? 8 : 0) |
    (node.seeded ? 16 : 0);
  if (flags !== 0) json.f = flags;
  if (node.literals !== undefined) {
    json.l = {};
    for (const c of node.literals.values()) json.l[c.name] = nodeToJson(c, true);
  }
  if (node.param !== undefined) json.p = nodeToJson(node.param);
  if (node.parentValues !== undefined) json.v = [...node.parentValues];
  if (node.absorbed !== undefined) json.a = [...node.absorbed];
  if (node.suffix !== '') json.x = node.suffix;
  if (node.suffixed !== undefined) {
    json.s = {};
    for (const [suffix, c] of node.suffixed) json.s[suffix] = nodeToJson(c);
  }
  return json;
}

/** `key`: the literal's key in its parent's `l` (its name in the compact form). */
export function nodeFromJson(json: TemplateStateJson, key?: string): TemplateNode {
  const node = newNode(json.n ?? key ?? json.k ?? '', json.k as TemplateNode['kind']);
  const flags = json.f ?? 0;
  node.terminal = (flags & 1) !== 0;
  node.pinned = (flags & 2) !== 0;
  node.frozen = (flags & 4) !== 0;
  node.mergedAll = (flags & 8) !== 0;
  node.seeded = (flags & 16) !== 0;
  if (json.l !== undefined) {
    node.literals = new Map();
    for (const [name, c] of Object.entries(json.l))
      node.literals.set(name.toLowerCase(), nodeFromJson(c, name));
  }
  if (json.p !== undefined) node.param = nodeFromJson(json.p);
  if (json.v !== undefined) node.parentValues = new Set(json.v);
  if (json.a !== undefined) node.absorbed = new Set(json.a);
  if (json.x !== undefined) node.suffix = json.x;
  if (json.s !== undefined) {
    node.suffixed = new Map();
    for (const [suffix, c] of Object.entries(json.s)) node.suffixed.set(suffix, nodeFromJson(c));
  }
  return node;
}
