/**
 * The bounds every template and every host's templating state stay within, whatever traffic says:
 * anyone on the internet writes request lines, and a template is a DynamoDB sort key (1,024 bytes
 * with host and method) while a host's state is one item (400 KB). Applied around the trie, before
 * a path's segments enter it and after a template is rendered, so the learning rules stay apart.
 * Sensitive values never enter the trie either: such a segment becomes a typed marker (`{ssn}`).
 */
import { decodeLeniently } from '#shared/url/decode';
import { mayHoldValue, spansOf, type SensitiveType } from '#shared/url/sensitive';

export const TEMPLATE_BOUNDS = {
  /** Bytes of one template (UTF-8); with a 253-byte host and a method it stays under 1,024. */
  maxTemplateBytes: 512,
  /** Segments of one template; deeper paths fold their rest into one trailing `{path}`. */
  maxSegments: 32,
  /** JSON bytes of one host's learned structure; past it, new literal segments are not learned. */
  maxStateBytes: 256 * 1024,
} as const;

/** Parameter kinds that come from markers rather than from the trie's own evidence. */
export const MARKER_KINDS = [
  'ssn',
  'card',
  'email',
  'phone',
  'aws-key',
  'jwt',
  'credential',
  'path',
] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** The rest of a path cut at a bound (defined with the raw path bounds it also ends). */
export { REST_MARKER } from '#shared/url/path-segments';
import { REST_MARKER } from '#shared/url/path-segments';

const MARKER_OF: Record<Exclude<SensitiveType, 'password-param'>, MarkerKind> = {
  email: 'email',
  card: 'card',
  ssn: 'ssn',
  phone: 'phone',
  jwt: 'jwt',
  'aws-access-key': 'aws-key',
  credential: 'credential',
};
// The forwarder's redaction writes SensitiveType names (`{aws-access-key}`); both spellings are markers.
const MARKER = /\{(ssn|card|email|phone|aws-key|aws-access-key|jwt|credential|path)\}/;

function kindOf(name: string): MarkerKind {
  return name === 'aws-access-key' ? 'aws-key' : (name as MarkerKind);
}

/** `{ssn}` -> 'ssn'; a segment that is exactly a marker (the forwarder's or ours). */
export function markerKind(segment: string): MarkerKind | undefined {
  if (segment.charCodeAt(0) !== 123 /* { */ || segment.charCodeAt(segment.length - 1) !== 125)
    return undefined;
  const match = MARKER.exec(segment);
  return match !== null && match[0].length === segment.length ? kindOf(match[1]!) : undefined;
}

/** The marker a segment holding a sensitive value becomes (`078-05-1120` -> `{ssn}`), or undefined. */
export function sensitiveMarker(segment: string): string | undefined {
  if (segment.indexOf('{') >= 0) {
    // The forwarder already replaced the value (`user-{email}`): the whole segment is the parameter.
    const match = MARKER.exec(segment);
    if (match !== null && match[1] !== 'path') return `{${kindOf(match[1]!)}}`;
  }
  if (!mayHoldValue(segment)) return undefined;
  const spans = spansOf(decodeLeniently(segment));
  if (spans.length === 0) return undefined;
  const type = spans[0]!.type;
  return type === 'password-param' ? undefined : `{${MARKER_OF[type]}}`;
}

/** What a segment can cost once rendered: a parameter renders as up to 11 bytes (`{aws-key}12`). */
function renderedCost(segment: string): number {
  return 1 + Math.max(Buffer.byteLength(segment), 11);
}

/**
 * Segments as the trie may see them: sensitive values replaced by markers, at most `maxSegments`,
 * and short enough to render within `maxTemplateBytes`; what is cut becomes one `{path}` segment.
 */
export function boundSegments(segments: readonly string[]): string[] {
  const out: string[] = [];
  const budget = TEMPLATE_BOUNDS.maxTemplateBytes - (REST_MARKER.length + 1);
  let used = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = sensitiveMarker(segments[i]!) ?? segments[i]!;
    used += renderedCost(segment);
    const last = i === segments.length - 1;
    if (out.length === TEMPLATE_BOUNDS.maxSegments - 1 && !last) return [...out, REST_MARKER];
    if (used > budget && !(last && used <= TEMPLATE_BOUNDS.maxTemplateBytes)) return [...out, REST_MARKER];
    out.push(segment);
  }
  return out;
}

/**
 * `boundSegments` one segment at a time, for a host that learns nothing more: hands `visit` the
 * segments `boundSegments` would yield, in order, while no bound can cut them, so a path refused at
 * its first segment does not pay sensitive-data detection on all the others (nor, given them one
 * at a time, their splitting). 'stopped' when `visit`
 * returned false, 'ended' when it took every segment, 'cut' when a bound might cut the path before
 * that (the caller then takes the whole path through `boundSegments`).
 */
export function walkBoundSegments(
  segments: Iterable<string>,
  visit: (segment: string) => boolean,
): 'stopped' | 'ended' | 'cut' {
  const budget = TEMPLATE_BOUNDS.maxTemplateBytes - (REST_MARKER.length + 1);
  let used = 0;
  let i = 0;
  for (const raw of segments) {
    if (i++ >= TEMPLATE_BOUNDS.maxSegments - 1) return 'cut';
    const segment = sensitiveMarker(raw) ?? raw;
    used += renderedCost(segment);
    if (used > budget) return 'cut';
    if (!visit(segment)) return 'stopped';
  }
  return 'ended';
}

/**
 * The last guard on a rendered template: cut at a segment boundary and end with `/{path}` when it
 * is over the byte or segment bound (a declared route, or a literal first seen with longer case).
 */
export function boundTemplate(template: string): string {
  const { maxTemplateBytes, maxSegments } = TEMPLATE_BOUNDS;
  let slashes = 0;
  for (let i = 0; i < template.length && slashes <= maxSegments; i++)
    if (template.charCodeAt(i) === 47) slashes++;
  if (slashes <= maxSegments && Buffer.byteLength(template) <= maxTemplateBytes) return template;
  const parts = template.split('/').slice(1);
  let out = '';
  for (const part of parts.slice(0, maxSegments - 1)) {
    const next = `${out}/${part}`;
    if (Buffer.byteLength(next) + REST_MARKER.length + 1 > maxTemplateBytes) break;
    out = next;
  }
  return `${out}/${REST_MARKER}`;
}
