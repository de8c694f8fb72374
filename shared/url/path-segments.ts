/**
 * Path normalisation before templating. It folds what users see as duplicates in peers' inventories:
 * `//`, trailing slashes, matrix parameters (`;jsessionid=...`), `.` segments and percent-encoding.
 * Case is folded later, when segments are compared, so templates keep the casing traffic used.
 */
import { decodeOrKeep } from './decode.ts';

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

function cleanSegment(raw: string): string {
  let segment = raw;
  const semicolon = segment.indexOf(';');
  if (semicolon >= 0) segment = segment.slice(0, semicolon);
  if (segment === '.') return '';
  // An encoded slash is data inside one segment; decoding it would invent a segment boundary.
  const decoded = decodeOrKeep(segment);
  return decoded.indexOf('/') < 0 ? decoded : segment;
}
