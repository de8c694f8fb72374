/**
 * Path normalisation before templating. It folds what users see as duplicates in peers' inventories:
 * `//`, trailing slashes, matrix parameters (`;jsessionid=...`), `.` segments and percent-encoding.
 * Case is folded later, when segments are compared, so templates keep the casing traffic used.
 */
import { decodeOrKeep } from './decode.ts';

/** The rest of a path cut at a bound (templates end with it too: `/files/{path}`). */
export const REST_MARKER = '{path}';
/** Raw characters of a path that templating reads; the rest becomes `/{path}`. */
export const RAW_PATH_LIMIT = 4096;
/**
 * Segments of a path that templating can use: a template keeps at most 32 (the 32nd becomes
 * `{path}` when more follow), so past the 33rd nothing read can change the template.
 */
export const RAW_SEGMENT_LIMIT = 33;

/**
 * The part of a raw path templating can use, the rest as one `/{path}`: at most 33 segments (as
 * `splitPath` counts them) and 4,096 characters. Parsers cut here, before sensitive-data detection,
 * so a 6 KB path costs about what a normal one does and is never shipped whole; the template is the
 * same as the whole path's. `boundRawPath('/a/b')` -> '/a/b'. Idempotent.
 */
export function boundRawPath(path: string): string {
  // Slashes found with native indexOf: a path is read by every parser and again by the templater.
  let slashes = 0;
  for (let i = path.indexOf('/'); i >= 0 && slashes <= RAW_SEGMENT_LIMIT; i = path.indexOf('/', i + 1))
    slashes++;
  let out = path;
  if (slashes > RAW_SEGMENT_LIMIT) {
    // Count segments as splitPath does (empty, `.` and `;x` pieces are not segments), in place.
    let count = 0;
    let start = 0;
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      if (i > start && isSegment(path, start, i) && ++count === RAW_SEGMENT_LIMIT) {
        out = `${path.slice(0, i)}/${REST_MARKER}`;
        break;
      }
      start = i + 1;
    }
  }
  if (out.length <= RAW_PATH_LIMIT) return out;
  const slash = out.lastIndexOf('/', RAW_PATH_LIMIT);
  return `${out.slice(0, slash > 0 ? slash : RAW_PATH_LIMIT)}/${REST_MARKER}`;
}

/**
 * Whether `cleanSegment(path.slice(start, end))` is not empty, without making it: only a piece
 * that starts with `;` or is `.` before its first `;` cleans to nothing (decoding never empties).
 */
function isSegment(path: string, start: number, end: number): boolean {
  const first = path.charCodeAt(start);
  if (first === 59 /* ; */) return false;
  return !(first === 46 /* . */ && (start + 1 === end || path.charCodeAt(start + 1) === 59));
}

/** Splits a raw request path into decoded segments: `//a/b;jsessionid=1/%7Ex/` -> ['a', 'b', '~x']. */
export function splitPath(rawPath: string): string[] {
  const segments: string[] = [];
  let start = 0;
  const end = rawPath.length;
  for (let i = 0; i <= end; i++) {
    if (i === end || rawPath.charCodeAt(i) === 47 /* / */) {
      if (i > start) {
        const segment = cleanSegment(rawPath.slice(start, i));
        if (segment !== '') segments.push(segment);
      }
      start = i + 1;
    }
  }
  return segments;
}

/**
 * `splitPath` one segment at a time, for a caller that usually stops at the first (a full host
 * refusing a deep path): the others are neither cut nor decoded.
 */
export function* pathSegments(rawPath: string): Generator<string, void, undefined> {
  let start = 0;
  const end = rawPath.length;
  while (start <= end) {
    let slash = rawPath.indexOf('/', start);
    if (slash < 0) slash = end;
    if (slash > start) {
      const segment = cleanSegment(rawPath.slice(start, slash));
      if (segment !== '') yield segment;
    }
    start = slash + 1;
  }
}

function cleanSegment(raw: string): string {
  let segment = raw;
  const semicolon = segment.indexOf(';');
  if (semicolon >= 0) segment = segment.slice(0, semicolon);
  if (segment === '.') return '';
  // An encoded slash is data inside one segment; decoding it would invent a segment boundary.
  const decoded = decodeOrKeep(segment);
  return decoded.indexOf('/') < 0 ? decoded : segment;
}
