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

export { SENSITIVE_TYPES, type SensitiveType } from './sensitive-patterns.ts';

export interface SensitiveHit {
  type: SensitiveType;
  where: 'path' | 'query';
  /** The query parameter name, for hits in the query. */
  key?: string;
}

interface Span {
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
      for (const span of spansOf(decode(segment))) hits = addHit(hits, span.type, 'path', undefined);
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
          for (const span of spansOf(decode(query.slice(start, amp))))
            hits = addHit(hits, span.type, 'query', undefined);
      } else if (eq + 1 < amp) {
        const name = decode(query.slice(start, eq));
        if (isSecretKey(name)) hits = addHit(hits, 'password-param', 'query', name);
        if (checkValues)
          for (const span of spansOf(decodeValue(query.slice(eq + 1, amp))))
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
 * The URL with every detected value and every query value replaced by a marker:
 * `redactUrl('/u/jane@example.com', 'a=1&t=eyJ...')` -> `/u/{email}?a={value}&t={jwt}`.
 */
export function redactUrl(path: string, query?: string): string {
  let out = typeof path === 'string' ? path : '';
  if (mayHoldValue(out)) {
    out = out
      .split('/')
      .map((segment) => {
        if (segment === '') return segment;
        const text = decode(segment);
        const spans = spansOf(text);
        return spans.length === 0 ? segment : encodeSegment(replaceSpans(text, spans));
      })
      .join('/');
  }
  if (typeof query !== 'string') return out;
  const parts: string[] = [];
  for (const { key, value } of pairsOf(query)) {
    if (value === undefined) {
      const spans = spansOf(decode(key));
      parts.push(spans.length === 0 ? key : `{${spans[0]!.type}}`);
      continue;
    }
    const spans = value === '' ? [] : spansOf(decodeValue(value));
    const name = decode(key);
    const marker =
      spans.length > 0 ? spans[0]!.type : value !== '' && isSecretKey(name) ? 'password-param' : 'value';
    parts.push(value === '' ? `${key}=` : `${key}={${marker}}`);
  }
  return `${out}?${parts.join('&')}`;
}

/**
 * Cheap whole-string test: could any value detector match? False for most URLs. Features of the
 * whole string over-count (digits of all segments add up), so this never hides a finding.
 */
export function mayHoldValue(text: string): boolean {
  const features = featuresOf(text);
  // Percent-encoding can hide '@', '+' and digits, so encoded text always gets the full check.
  if ((features & F_PERCENT) !== 0) return true;
  for (const d of VALUE_DETECTORS) if (d.applies(features)) return true;
  return false;
}

const NO_SPANS: readonly Span[] = Object.freeze([]);

/** Non-overlapping detections in one decoded value, earlier detectors winning overlaps. */
function spansOf(text: string): readonly Span[] {
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

function replaceSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += `${text.slice(at, s.start)}{${s.type}}`;
    at = s.end;
  }
  return out + text.slice(at);
}

interface Pair {
  key: string;
  value: string | undefined;
}

function pairsOf(query: string): Pair[] {
  const pairs: Pair[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(
      eq < 0 ? { key: part, value: undefined } : { key: part.slice(0, eq), value: part.slice(eq + 1) },
    );
  }
  return pairs;
}

function decode(text: string): string {
  if (text.indexOf('%') < 0) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // Malformed escapes: decode what can be decoded, keep the rest as written.
    return text.replace(/%[0-9A-Fa-f]{2}/g, (e) => String.fromCharCode(parseInt(e.slice(1), 16)));
  }
}

/** Form-encoded values use '+' for spaces; a leading '+' is kept, as it starts E.164 phone numbers. */
function decodeValue(text: string): string {
  const spaced = text.indexOf('+') > 0 ? text[0] + text.slice(1).replaceAll('+', ' ') : text;
  return decode(spaced);
}

/** Percent-encodes what a path segment cannot hold raw, keeping the `{type}` markers readable. */
function encodeSegment(text: string): string {
  return encodeURIComponent(text).replace(/%7B/g, '{').replace(/%7D/g, '}');
}
