/**
 * Sensitive data in URLs: path segments and query values (the raw query is seen only at parse
 * time; calls keep key names). Results name the kind and place of each finding, never the value.
 * Most URLs hold nothing, so a cheap scan of the whole URL decides whether any regex runs.
 */
import {
  F_PERCENT,
  featuresOf,
  isSecretKey,
  VALUE_DETECTORS,
  type SensitiveType,
} from './sensitive-patterns.ts';
import { decodeFormValue, decodeLeniently } from './decode.ts';

export { SENSITIVE_TYPES, type SensitiveType } from './sensitive-patterns.ts';

export interface SensitiveHit {
  type: SensitiveType;
  where: 'path' | 'query';
  /** The query parameter name, for hits in the query. */
  key?: string;
}

export interface Span {
  start: number;
  end: number;
  type: SensitiveType;
}

/**
 * `detectSensitive('/users/jane@example.com', 'password=x')` ->
 * `[{ type: 'email', where: 'path' }, { type: 'password-param', where: 'query', key: 'password' }]`.
 * One hit per (type, where, key); never throws.
 */
export function detectSensitive(path: string, query?: string): SensitiveHit[] {
  // Allocates nothing until something is found: this runs for every call.
  let hits: SensitiveHit[] | undefined;
  if (typeof path === 'string' && mayHoldValue(path)) {
    for (const segment of path.split('/')) {
      if (segment === '') continue;
      for (const span of spansOf(decodeLeniently(segment))) hits = addHit(hits, span.type, 'path', undefined);
    }
  }
  if (typeof query === 'string' && query !== '') {
    const checkValues = mayHoldValue(query);
    // Walks the pairs in place: no split, no pair objects.
    for (let start = 0; start < query.length;) {
      let amp = query.indexOf('&', start);
      if (amp < 0) amp = query.length;
      const eq = query.indexOf('=', start);
      if (amp === start) {
        start = amp + 1;
        continue;
      }
      if (eq < 0 || eq > amp) {
        // A bare `?jane@example.com` is a value without a name.
        if (checkValues)
          for (const span of spansOf(decodeLeniently(query.slice(start, amp))))
            hits = addHit(hits, span.type, 'query', undefined);
      } else if (eq + 1 < amp) {
        const name = decodeLeniently(query.slice(start, eq));
        if (isSecretKey(name)) hits = addHit(hits, 'password-param', 'query', name);
        if (checkValues)
          for (const span of spansOf(decodeFormValue(query.slice(eq + 1, amp))))
            hits = addHit(hits, span.type, 'query', name);
      }
      start = amp + 1;
    }
  }
  return hits ?? [];
}

/** Appends a hit unless the same (type, where, key) is there already; lists are a handful long. */
function addHit(
  hits: SensitiveHit[] | undefined,
  type: SensitiveType,
  where: 'path' | 'query',
  key: string | undefined,
): SensitiveHit[] {
  const list = hits ?? [];
  for (const h of list) if (h.type === type && h.where === where && h.key === key) return list;
  list.push(key === undefined ? { type, where } : { type, where, key });
  return list;
}

/**
 * Cheap whole-string test: could any value detector match? False for most URLs. Features of the
 * whole string over-count (digits of all segments add up), so this never hides a finding.
 */
export function mayHoldValue(text: string): boolean {
  // The parser's detection and the forwarder's redaction ask about the same path string one after
  // the other; remembering the last answer (module state, a pure function's) halves the scans.
  if (text === last.text) return last.answer;
  const answer = computeMayHoldValue(text);
  last.text = text;
  last.answer = answer;
  return answer;
}

const last = { text: '', answer: false };

function computeMayHoldValue(text: string): boolean {
  const features = featuresOf(text);
  // Percent-encoding can hide '@', '+' and digits, so encoded text always gets the full check.
  if ((features & F_PERCENT) !== 0) return true;
  for (const d of VALUE_DETECTORS) if (d.applies(features)) return true;
  return false;
}

const NO_SPANS: readonly Span[] = Object.freeze([]);

/** Non-overlapping detections in one decoded value, earlier detectors winning overlaps. */
export function spansOf(text: string): readonly Span[] {
  const features = featuresOf(text);
  let spans: Span[] | undefined;
  for (const detector of VALUE_DETECTORS) {
    if (!detector.applies(features)) continue;
    const pattern = detector.pattern;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (detector.valid !== undefined && !detector.valid(m[0])) continue;
      if (spans?.some((s) => start < s.end && end > s.start)) continue;
      (spans ??= []).push({ start, end, type: detector.type });
    }
  }
  return spans === undefined ? NO_SPANS : spans.sort((a, b) => a.start - b.start);
}
