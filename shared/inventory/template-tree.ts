/**
 * The learned path structure of one host: a trie of segments in which a node's children are literal
 * segments or one parameter. Identifiers become parameters at once; other siblings merge into a
 * parameter on evidence (see `mergeDecision`). Merges are never undone by traffic, so templates only
 * get more general as traffic grows; each merge reports the templates it replaced.
 */
import {
  extensionOfSuffix,
  fileExtension,
  functionCallTemplate,
  identifierKind,
  isFileTypeExtension,
  looksLikeValue,
  segmentSuffix,
  suffixedIdentifier,
  type ParamKind,
} from './segment-kind.ts';
import { markerKind, type MarkerKind } from './template-bounds.ts';

export interface TreeOptions {
  /** Distinct value-looking siblings that make a parameter (default 3). */
  readonly valueSiblings: number;
  /** Siblings continuing with the same literal routes that make a parameter (default 4). */
  readonly continuationSiblings: number;
  /** Distinct siblings of any kind that make a parameter (default: no such rule; the corpus says it over-merges). */
  readonly anySiblings: number;
  /** Literal children kept under one node before it must be a parameter (bounds memory; default 2000). */
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
  continuationSiblings: 4,
  anySiblings: Number.POSITIVE_INFINITY,
  maxLiterals: 2000,
  protectRootAndVersions: true,
  parentEvidence: false,
};

export interface TemplateNode {
  /** Literal children by lower-cased segment. */
  literals: Map<string, TemplateNode> | undefined;
  param: TemplateNode | undefined;
  /** Parameters with a fixed suffix, by suffix: `{id}.json`, `{name}:cancel`. */
  suffixed: Map<string, TemplateNode> | undefined;
  /** For a suffixed parameter: its suffix. */
  suffix: string;
  /** This node's rendered template, valid while `renderedAt` equals the host's merge generation. */
  rendered: string;
  renderedAt: number;
  /** The segment as first seen (literal), or the parameter kind. */
  name: string;
  kind: ParamKind | MarkerKind | 'param' | undefined;
  /** A request path ended here, so the node's template is an endpoint. */
  terminal: boolean;
  /** Pinned by the user: a pinned literal never merges, a pinned parameter always applies. */
  pinned: boolean;
  /** A pinned parameter from an uploaded spec: named after its values like an inferred one. */
  seeded: boolean;
  /** Merging under this node is forbidden by the user. */
  frozen: boolean;
  valueLike: boolean;
  /** Literal keys folded into the parameter: seen again, they go to the parameter (stability). */
  absorbed: Set<string> | undefined;
  /** Every literal here was folded: new segments go to the parameter unless pinned. */
  mergedAll: boolean;
  /** The parameter here holds file names: a new segment with a file extension goes to it. */
  fileNames: boolean;
  /** File extensions of new segments seen below this node (first few): evidence of file names. */
  extensions: Set<string> | undefined;
  /** For a literal: distinct parent segments it was seen below (first 2), to tell routes from values. */
  parentValues: Set<string> | undefined;
}

const ABSORBED_LIMIT = 4096;
// Dated versions too (`/2013-04-01/hostedzone`): a date first in the path is a version (isVersionNumber).
const VERSION_SEGMENT = /^(?:v\d+(?:[._]\d+)*(?:[a-z]+\d*)?|\d+\.\d+|\d{4}-\d{2}-\d{2}|api|apis|rest)$/i;

export function newNode(name: string, kind: TemplateNode['kind']): TemplateNode {
  return {
    literals: undefined,
    param: undefined,
    suffixed: undefined,
    suffix: '',
    rendered: '',
    renderedAt: -1,
    name,
    kind,
    terminal: false,
    pinned: false,
    seeded: false,
    frozen: false,
    valueLike: kind === undefined && looksLikeValue(name),
    parentValues: undefined,
    absorbed: undefined,
    mergedAll: false,
    fileNames: false,
    extensions: undefined,
  };
}

/** What one walk of the tree changed: the templater's merge checks and running size read it. */
export interface WalkLog {
  /** Depths of the literal nodes the walk created. */
  readonly created: number[];
  /** Depths of the nodes of any kind (literal, parameter, suffixed parameter) it created. */
  readonly made: number[];
  /** Depths whose parent noted a new file extension. */
  readonly evidence: number[];
  /** The node the walk ended on was not terminal before. */
  newEnd: boolean;
}

export function walkLog(): WalkLog {
  return { created: [], made: [], evidence: [], newEnd: false };
}

/** Walks (and grows) the tree along `segments`; returns the nodes visited, root excluded. */
export function observe(
  root: TemplateNode,
  segments: readonly string[],
  log?: WalkLog,
  trackParents = DEFAULT_TREE_OPTIONS.parentEvidence,
): TemplateNode[] {
  const visited: TemplateNode[] = [];
  let node = root;
  let previous = '';
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth]!;
    const before = node.literals?.size ?? 0;
    const extensionsBefore = node.extensions?.size ?? 0;
    const paramBefore = node.param;
    const suffixedBefore = node.suffixed?.size ?? 0;
    const next = child(node, segment, node === root);
    if (log !== undefined) {
      const grew = (node.literals?.size ?? 0) > before;
      if (grew) log.created.push(depth);
      if (grew || node.param !== paramBefore || (node.suffixed?.size ?? 0) > suffixedBefore)
        log.made.push(depth);
      if ((node.extensions?.size ?? 0) > extensionsBefore) log.evidence.push(depth);
    }
    if (trackParents && next.kind === undefined) noteParentValue(next, previous);
    node = next;
    previous = segment;
    visited.push(node);
  }
  if (log !== undefined) log.newEnd = !node.terminal;
  node.terminal = true;
  return visited;
}

/** Extensions kept per node: enough to reach the file-name evidence. */
const EXTENSIONS_KEPT = 4;

function noteExtension(node: TemplateNode, extension: string): void {
  const extensions = (node.extensions ??= new Set());
  if (extensions.size < EXTENSIONS_KEPT) extensions.add(extension);
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

function child(parent: TemplateNode, raw: string, atRoot: boolean): TemplateNode {
  const call = functionCallTemplate(raw);
  const segment = call ?? raw;
  const key = segment.toLowerCase();
  const literal = parent.literals?.get(key);
  if (literal !== undefined) return literal;
  // A function call with its arguments templated is a route, however long or odd its name.
  if (call !== undefined && (parent.param === undefined || parent.frozen || !parent.mergedAll))
    return addLiteral(parent, segment, key);
  const extension = fileExtension(segment);
  if (extension !== undefined) {
    if (parent.fileNames && parent.param !== undefined && !parent.frozen) return parent.param;
    noteExtension(parent, extension);
  }
  if (parent.suffixed !== undefined && !parent.frozen) {
    // `music:export` beside `{name}:export`: the custom method's subject is a value.
    const suffix = segmentSuffix(segment);
    const node = suffix === undefined ? undefined : parent.suffixed.get(suffix);
    if (node !== undefined) return node;
  }
  const suffixed = suffixedIdentifier(segment);
  if (suffixed !== undefined) return suffixedParam(parent, suffixed.suffix, suffixed.kind);
  // Markers (`{ssn}`, `{path}`) are parameters whatever the evidence: template-bounds.ts made them.
  const kind = markerKind(segment) ?? identifierKind(segment);
  // A date or a one- or two-digit number first (`/2010-04-01/Accounts`, `/1/profiles`), or a
  // number right after a `v`, `api` or `rest` segment (`/api/v/4`, `/rest/api/2`), is an API
  // version, not data.
  if (kind !== undefined && !isVersionNumber(parent, segment, kind, atRoot)) {
    const param = (parent.param ??= newNode(kind, kind));
    // A documented parameter takes the kind its first identifier shows, for its name (`{id}`).
    if (param.seeded && param.kind === 'param') param.kind = kind;
    return param;
  }
  const param = parent.param;
  if (param !== undefined && !parent.frozen) {
    if (param.pinned || parent.mergedAll || parent.absorbed?.has(key) || looksLikeValue(segment)) {
      // `eu-west-1:getDailyMetrics` beside `{param}`: the value's custom method is a route of its own.
      const suffix = param.pinned ? undefined : segmentSuffix(segment);
      return suffix?.startsWith(':') === true ? suffixedParam(parent, suffix, 'param') : param;
    }
  }
  return addLiteral(parent, segment, key);
}

function suffixedParam(parent: TemplateNode, suffix: string, kind: ParamKind | 'param'): TemplateNode {
  const bySuffix = (parent.suffixed ??= new Map());
  let node = bySuffix.get(suffix);
  if (node === undefined) {
    node = newNode(kind, kind);
    node.suffix = suffix;
    bySuffix.set(suffix, node);
  }
  return node;
}

function addLiteral(parent: TemplateNode, segment: string, key: string): TemplateNode {
  const created = newNode(segment, undefined);
  (parent.literals ??= new Map()).set(key, created);
  return created;
}

const SHORT_NUMBER = /^\d{1,2}$/;

function isVersionNumber(parent: TemplateNode, segment: string, kind: string, atRoot: boolean): boolean {
  if (atRoot) return kind === 'date' || SHORT_NUMBER.test(segment);
  if (kind !== 'id' || !SHORT_NUMBER.test(segment) || parent.kind !== undefined) return false;
  // `/rest/api/2/issue` (Jira, Confluence): after `api` or `rest`, unless ids already go there.
  return parent.name.toLowerCase() === 'v' || (API_SEGMENT.test(parent.name) && parent.param === undefined);
}

const API_SEGMENT = /^(?:api|apis|rest)$/i;

/**
 * Which literal children of `node` are values of one parameter rather than distinct routes: the
 * value-looking ones when enough of them are siblings, siblings that continue with the same
 * literal routes (`/v2/dog/links`, `/v2/family/links`...), or all of them past the memory bound.
 */
export function mergeDecision(
  node: TemplateNode,
  protectedContext: boolean,
  options: TreeOptions,
  isRoot = false,
): MergeDecision {
  const literals = node.literals;
  if (node.frozen) return NO_MERGE;
  if (literals !== undefined && literals.size >= options.maxLiterals) return ALL;
  // First segments name APIs and services; peers never template them from sibling evidence.
  if (isRoot) return NO_MERGE;
  const files = fileNameLeaves(node);
  if (literals === undefined) return files === undefined ? NO_MERGE : { keys: new Set(files), files: true };
  let total = 0;
  const values = new Set<string>();
  const continued: [string, string[]][] = [];
  // How many siblings continue with each literal route (`relations` below `coffee`, `forest`...).
  const routeCounts = new Map<string, number>();
  for (const [key, c] of literals) {
    if (c.pinned) continue;
    total++;
    // After `/api` or a version, a name merely missing from the dictionary is a service or
    // collection (`/api/dcim`, `/api/ipam`); only a value's shape (`jane.doe`, `my-vm-01`) counts.
    if (!isRoute(c, node, options) && (!protectedContext || VALUE_SHAPE.test(c.name))) values.add(key);
    const routes = routesOf(c);
    if (routes.length > 0) {
      continued.push([key, routes]);
      for (const route of routes) routeCounts.set(route, (routeCounts.get(route) ?? 0) + 1);
    }
  }
  if (!protectedContext && total >= options.anySiblings) return ALL;
  const fold = values.size >= options.valueSiblings && values.size * 2 >= total ? values : new Set<string>();
  // Siblings that continue the way the parameter does are more of its values (a merge made earlier);
  // so are siblings whose every route is shared by enough siblings: values of one parameter show
  // different subsets of the same routes (`/terms/coffee/relations`, `/terms/forest/set`...).
  const paramRoutes = node.param?.literals;
  const shared: string[] = [];
  for (const [key, routes] of continued) {
    if (paramRoutes !== undefined && routes.every((route) => paramRoutes.has(route))) fold.add(key);
    else if (mostlyShared(routes, routeCounts, options.continuationSiblings)) shared.push(key);
  }
  if (shared.length >= options.continuationSiblings) for (const key of shared) fold.add(key);
  // After `/api` or a version, names that look like values are often services (`/api/dcim/...`).
  if (!protectedContext) for (const key of valuesSharingRoutes(literals, continued, values)) fold.add(key);
  if (!protectedContext && valueParameter(node, options)) {
    // A parameter made of many word values takes a word leaf beside it too (`/tags/music` beside
    // `/tags/{tag}`): same continuation (none), and not a custom method or version.
    for (const [key, c] of literals) if (isLeafValue(c)) fold.add(key);
  }
  const suffixed = suffixGroups(literals, options);
  for (const keys of suffixed.values()) for (const key of keys) fold.delete(key);
  if (files !== undefined) for (const key of files) fold.add(key);
  if (fold.size === 0 && suffixed.size === 0 && files === undefined) return NO_MERGE;
  return {
    keys: fold,
    ...(suffixed.size === 0 ? {} : { suffixed }),
    ...(files === undefined ? {} : { files: true }),
  };
}

/** Distinct file extensions a position must show, one of them a file type, to hold file names. */
const FILE_NAME_EXTENSIONS = 3;

/**
 * When a position's values are file names (`/attachments/IMG_4170.zip`, `report.pdf`, `cat.jpg`: the
 * extension is part of the value), its file-name leaves; undefined otherwise. Evidence: at least 3
 * distinct extensions among the new segments seen here (whether they went to a literal, the
 * parameter or a suffixed parameter), one of them a
 * stored file's type, not only formats (`{id}.json`, `{id}.xml`, `{id}.csv` name representations).
 */
function fileNameLeaves(node: TemplateNode): string[] | undefined {
  // Every new segment's extension was noted on its way in (and unions carry them), so fewer noted
  // extensions than the evidence needs means no file names: the common case, decided at once.
  if (!node.fileNames && (node.extensions?.size ?? 0) < FILE_NAME_EXTENSIONS) return undefined;
  const extensions = new Set<string>(node.extensions);
  for (const [suffix, c] of node.suffixed ?? []) {
    const extension = c.pinned ? undefined : extensionOfSuffix(suffix);
    if (extension !== undefined) extensions.add(extension);
  }
  const leaves: string[] = [];
  for (const [key, c] of node.literals ?? []) {
    const extension = isLeafValue(c) ? fileExtension(c.name) : undefined;
    if (extension === undefined) continue;
    extensions.add(extension);
    leaves.push(key);
  }
  // Already file names (a union may bring `{id}.zip` from a sibling): fold what is left.
  if (node.fileNames) return extensions.size > 0 ? leaves : undefined;
  if (extensions.size < FILE_NAME_EXTENSIONS) return undefined;
  for (const extension of extensions) if (isFileTypeExtension(extension)) return leaves;
  return undefined;
}

/**
 * A sibling whose routes are mostly ones enough siblings also continue with: values of one parameter
 * each show a sample of the same routes (`coffee` {relations, set, children}, `forest` {children,
 * relations}, `ocean` {set, children}...), so a route seen below fewer siblings so far is no sign
 * of a distinct resource when most of the sibling's routes are shared.
 */
function mostlyShared(
  routes: readonly string[],
  counts: ReadonlyMap<string, number>,
  siblings: number,
): boolean {
  let shared = 0;
  for (const route of routes) if (counts.get(route)! >= siblings) shared++;
  return shared * 2 > routes.length;
}

const CAMEL_CASE = /[a-z][A-Z]/;
const VALUE_SHAPE = /[-._~\d]/;

/**
 * Value-looking siblings that continue with a route another value-looking sibling continues with
 * (`/devices/hsdk-arcsx4mvkz/fileservers`, `/devices/wayneocean/fileservers`): two values of one
 * parameter, though fewer than the value-sibling count. One of each such group must be a value by
 * its shape (`hsdk-arcsx4mvkz`, `jane.doe`, `vm01`): names merely missing from the dictionary
 * (`fileservers` beside `iscsiservers`, camelCase `majorGridlines`) are as often routes.
 */
function valuesSharingRoutes(
  literals: ReadonlyMap<string, TemplateNode>,
  continued: readonly [string, string[]][],
  values: ReadonlySet<string>,
): Set<string> {
  if (values.size < 2) return new Set();
  const byRoute = new Map<string, string[]>();
  for (const [key, routes] of continued) {
    if (!values.has(key) || CAMEL_CASE.test(literals.get(key)!.name)) continue;
    for (const route of routes) {
      const keys = byRoute.get(route);
      if (keys === undefined) byRoute.set(route, [key]);
      else keys.push(key);
    }
  }
  const out = new Set<string>();
  for (const keys of byRoute.values()) {
    if (keys.length < 2 || !keys.some((key) => VALUE_SHAPE.test(literals.get(key)!.name))) continue;
    for (const key of keys) out.add(key);
  }
  return out;
}

/** Word values a parameter must have absorbed before lone word siblings join it. */
const VALUE_PARAMETER_WORDS = 3;
/** Siblings sharing a custom method (`a:export`, `b:export`) that make it a parameter. */
const SUFFIX_SIBLINGS = 3;
/** Verbs and words that name routes beside a parameter: `search`, `batchGet`, `prune`, `me`. */
const ACTION_WORDS =
  'search|batch|bulk|count|list|get|create|update|delete|query|export|import|validate|prune|start|stop|' +
  'restart|pause|resume|kill|attach|wait|resize|rename|reset|sync|refresh|enable|disable|archive|restore|' +
  'publish|approve|reject|submit|send|verify|activate|deactivate|lock|unlock|close|open|move|copy|clone|' +
  'upload|download|register|subscribe|unsubscribe|status|stats|summary|history|events|logs|me|self|all|default|current|latest';
const ACTION = new RegExp(`^(?:${ACTION_WORDS})$`);
const ACTION_PREFIX = new RegExp(`^(?:${ACTION_WORDS})[A-Z_-]`);

/** A parameter that grew from word values folded in (not an id parameter, not pinned). */
function valueParameter(node: TemplateNode, options: TreeOptions): boolean {
  const param = node.param;
  if (param === undefined || param.pinned || param.kind !== 'param' || !param.terminal) return false;
  return (
    node.mergedAll || (node.absorbed?.size ?? 0) >= Math.max(VALUE_PARAMETER_WORDS, options.valueSiblings)
  );
}

function isLeafValue(c: TemplateNode): boolean {
  return (
    !c.pinned &&
    c.terminal &&
    c.literals === undefined &&
    c.param === undefined &&
    c.suffixed === undefined &&
    !VERSION_SEGMENT.test(c.name) &&
    !c.name.includes(':') &&
    !ACTION.test(c.name.toLowerCase()) &&
    !ACTION_PREFIX.test(c.name)
  );
}

/**
 * Literal leaves that share a custom-method verb with at least two others, by verb (an extension is
 * no such evidence: `add.json`, `list.json`, `delete.json` are an RPC API's static routes):
 * `news:export`, `music:export`, `city:export` are `{name}:export`. A body that is also a literal
 * route here (`projects` beside `projects:search`) names a collection, and stays.
 */
function suffixGroups(literals: Map<string, TemplateNode>, options: TreeOptions): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [key, c] of literals) {
    if (c.pinned) continue;
    const suffix = segmentSuffix(c.name);
    if (suffix === undefined || !suffix.startsWith(':')) continue;
    const body = key.slice(0, key.length - suffix.length);
    if (literals.has(body)) continue;
    const group = groups.get(suffix);
    if (group === undefined) groups.set(suffix, [key]);
    else group.push(key);
  }
  for (const [suffix, group] of groups)
    if (group.length < Math.max(SUFFIX_SIBLINGS, options.valueSiblings)) groups.delete(suffix);
  return groups;
}

/**
 * The literal routes below a node (`links`, `members`): evidence for its siblings. None for a node
 * with a parameter below (static collections share `search` next to their `{id}`; values of a
 * parameter rarely have ids of their own). OData system segments (`$count`, `$value`) follow every
 * collection, so they are no evidence either.
 */
function routesOf(node: TemplateNode): string[] {
  if (node.literals === undefined || node.param !== undefined) return [];
  const routes: string[] = [];
  for (const key of node.literals.keys()) if (!key.startsWith('$')) routes.push(key);
  return routes;
}

/** `keys` to fold into the parameter, or every unpinned literal. */
export type MergeDecision =
  | {
      readonly keys: ReadonlySet<string>;
      readonly suffixed?: ReadonlyMap<string, readonly string[]>;
      /** The position holds file names: its file-extension parameters fold into the parameter. */
      readonly files?: true;
    }
  | 'all'
  | 'none';
const NO_MERGE: MergeDecision = 'none';
const ALL: MergeDecision = 'all';

/** True where vocabulary siblings must not merge: the root and right after `v1`, `api`, `1.0`. */
export function isProtectedContext(node: TemplateNode, isRoot: boolean, options: TreeOptions): boolean {
  return (
    options.protectRootAndVersions && (isRoot || (node.kind === undefined && VERSION_SEGMENT.test(node.name)))
  );
}

/** Folds unpinned literal children of `node` (all, or the values) into its parameter child. */
export function mergeLiterals(node: TemplateNode, decision: MergeDecision, options: TreeOptions): void {
  if (decision !== 'none' && decision !== 'all' && decision.files === true) mergeFileNames(node, options);
  if (node.literals === undefined || decision === 'none') return;
  if (decision !== 'all' && decision.suffixed !== undefined) mergeSuffixed(node, decision.suffixed, options);
  if (node.literals === undefined || (decision !== 'all' && decision.keys.size === 0)) return;
  const target = (node.param ??= newNode('param', 'param'));
  if (decision === 'all') node.mergedAll = true;
  for (const [key, c] of node.literals) {
    if (c.pinned || (decision !== 'all' && !decision.keys.has(key))) continue;
    node.literals.delete(key);
    if (!node.mergedAll) {
      node.absorbed ??= new Set();
      if (node.absorbed.size < ABSORBED_LIMIT) node.absorbed.add(key);
    }
    union(target, c);
  }
  if (node.literals.size === 0) node.literals = undefined;
  settle(target, options);
}

/** Folds the file-extension parameters (`{id}.jpg`, `{id}.zip`) into the plain parameter. */
function mergeFileNames(node: TemplateNode, options: TreeOptions): void {
  const target = (node.param ??= newNode('param', 'param'));
  node.fileNames = true;
  for (const [suffix, c] of node.suffixed ?? []) {
    if (c.pinned || extensionOfSuffix(suffix) === undefined) continue;
    node.suffixed!.delete(suffix);
    union(target, c);
  }
  if (node.suffixed?.size === 0) node.suffixed = undefined;
  settle(target, options);
}

/** Folds literal leaves sharing a suffix into a suffixed parameter (`{param}:export`). */
function mergeSuffixed(
  node: TemplateNode,
  groups: ReadonlyMap<string, readonly string[]>,
  options: TreeOptions,
): void {
  for (const [suffix, keys] of groups) {
    const bySuffix = (node.suffixed ??= new Map());
    let target = bySuffix.get(suffix);
    if (target === undefined) {
      target = newNode('param', 'param');
      target.suffix = suffix;
      bySuffix.set(suffix, target);
    }
    for (const key of keys) {
      const c = node.literals?.get(key);
      if (c === undefined) continue;
      node.literals!.delete(key);
      union(target, c);
    }
    settle(target, options);
  }
  if (node.literals?.size === 0) node.literals = undefined;
}

/** Merges wherever a union made the evidence sufficient, top-down through the subtree. */
function settle(node: TemplateNode, options: TreeOptions): void {
  mergeLiterals(node, mergeDecision(node, isProtectedContext(node, false, options), options), options);
  if (node.literals !== undefined) for (const c of node.literals.values()) settle(c, options);
  if (node.param !== undefined) settle(node.param, options);
}

function union(into: TemplateNode, from: TemplateNode): void {
  into.terminal ||= from.terminal;
  into.fileNames ||= from.fileNames;
  for (const extension of from.extensions ?? []) noteExtension(into, extension);
  for (const value of from.parentValues ?? []) noteParentValue(into, value);
  if (from.literals !== undefined) {
    for (const [key, c] of from.literals) {
      const existing = into.literals?.get(key);
      if (existing === undefined) (into.literals ??= new Map()).set(key, c);
      else union(existing, c);
    }
  }
  if (from.suffixed !== undefined) {
    for (const [suffix, c] of from.suffixed) {
      const existing = into.suffixed?.get(suffix);
      if (existing === undefined) (into.suffixed ??= new Map()).set(suffix, c);
      else union(existing, c);
    }
  }
  if (from.param !== undefined) {
    if (into.param === undefined) into.param = from.param;
    else union(into.param, from.param);
  }
}
