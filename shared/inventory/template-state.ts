/** A host's learned structure as JSON, for persistence (DynamoDB in the pipeline, files in tests). */
import { newNode, type TemplateNode } from './template-tree.ts';

/**
 * Compact node: name, kind, flags (1 terminal, 2 pinned, 4 frozen, 8 merged all, 16 seeded, 32 file names),
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
  /** File extensions seen below the node (evidence of file names). */
  e?: string[];
  /** Suffixed parameters by suffix, and the suffix of this one. */
  s?: Record<string, TemplateStateJson>;
  x?: string;
}

/** A node's boolean marks as the saved state's `f` bits (one place: the size counts read them too). */
export function nodeFlags(node: TemplateNode): number {
  return (
    (node.terminal ? 1 : 0) |
    (node.pinned ? 2 : 0) |
    (node.frozen ? 4 : 0) |
    (node.mergedAll ? 8 : 0) |
    (node.seeded ? 16 : 0) |
    (node.fileNames ? 32 : 0)
  );
}

export function nodeToJson(node: TemplateNode, keyedByName = false): TemplateStateJson {
  const json: TemplateStateJson = {};
  if (!keyedByName && node.name !== node.kind) json.n = node.name;
  if (node.kind !== undefined) json.k = node.kind;
  const flags = nodeFlags(node);
  if (flags !== 0) json.f = flags;
  // Objects without a prototype: a literal segment may be `__proto__` (traffic names the keys), which
  // on a plain object would set the prototype and vanish from the saved JSON.
  if (node.literals !== undefined) {
    json.l = Object.create(null) as Record<string, TemplateStateJson>;
    for (const c of node.literals.values()) json.l[c.name] = nodeToJson(c, true);
  }
  if (node.param !== undefined) json.p = nodeToJson(node.param);
  if (node.parentValues !== undefined) json.v = [...node.parentValues];
  if (node.absorbed !== undefined) json.a = [...node.absorbed];
  if (node.extensions !== undefined) json.e = [...node.extensions];
  if (node.suffix !== '') json.x = node.suffix;
  if (node.suffixed !== undefined) {
    json.s = Object.create(null) as Record<string, TemplateStateJson>;
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
  node.fileNames = (flags & 32) !== 0;
  if (json.l !== undefined) {
    node.literals = new Map();
    for (const [name, c] of Object.entries(json.l))
      node.literals.set(name.toLowerCase(), nodeFromJson(c, name));
  }
  if (json.p !== undefined) node.param = nodeFromJson(json.p);
  if (json.v !== undefined) node.parentValues = new Set(json.v);
  if (json.a !== undefined) node.absorbed = new Set(json.a);
  if (json.e !== undefined) node.extensions = new Set(json.e);
  if (json.x !== undefined) node.suffix = json.x;
  if (json.s !== undefined) {
    node.suffixed = new Map();
    for (const [suffix, c] of Object.entries(json.s)) node.suffixed.set(suffix, nodeFromJson(c));
  }
  return node;
}

/** UTF-8 bytes of `JSON.stringify(text)`: quotes, escapes, and lone surrogates as `\udxxx`. */
export function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 92 || c === 8 || c === 9 || c === 10 || c === 12 || c === 13) bytes += 2;
    else if (c < 0x20) bytes += 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6;
    } else if (c >= 0xdc00 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** `"k":` plus the comma before every member but the first of an object. */
function memberBytes(key: string, first: boolean): number {
  return jsonStringBytes(key) + 1 + (first ? 0 : 1);
}

function stringsBytes(values: Iterable<string>): number {
  let bytes = 2;
  let count = 0;
  for (const value of values) bytes += jsonStringBytes(value) + (count++ === 0 ? 0 : 1);
  return bytes;
}

/**
 * UTF-8 bytes of `JSON.stringify(nodeToJson(node))`, counted without building either: the state's
 * bound is checked near its limit, where serialising a 256 KiB tree per check cost more than the
 * templating it guards. A test holds it equal to the serialised size.
 */
export function stateJsonBytes(node: TemplateNode, keyedByName = false): number {
  // Members are counted with `"k":` (4 bytes) and a comma each; the first has none (the `- 1`).
  // A plain loop, not a closure per node: this runs on every node of a 256 KiB tree.
  let members = 0;
  if (!keyedByName && node.name !== node.kind) members += 5 + jsonStringBytes(node.name);
  if (node.kind !== undefined) members += 5 + jsonStringBytes(node.kind);
  const flags = nodeFlags(node);
  if (flags !== 0) members += 5 + String(flags).length;
  if (node.literals !== undefined) {
    let inner = 2;
    let count = 0;
    for (const c of node.literals.values())
      inner += memberBytes(c.name, count++ === 0) + stateJsonBytes(c, true);
    members += 5 + inner;
  }
  if (node.param !== undefined) members += 5 + stateJsonBytes(node.param);
  if (node.parentValues !== undefined) members += 5 + stringsBytes(node.parentValues);
  if (node.absorbed !== undefined) members += 5 + stringsBytes(node.absorbed);
  if (node.extensions !== undefined) members += 5 + stringsBytes(node.extensions);
  if (node.suffix !== '') members += 5 + jsonStringBytes(node.suffix);
  if (node.suffixed !== undefined) {
    let inner = 2;
    let count = 0;
    for (const [suffix, c] of node.suffixed) inner += memberBytes(suffix, count++ === 0) + stateJsonBytes(c);
    members += 5 + inner;
  }
  return members === 0 ? 2 : 2 + members - 1;
}
