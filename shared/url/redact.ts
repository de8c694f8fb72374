/**
 * Redaction of everything that leaves parsing: a URL with typed markers (`{email}`, `{value}`), a
 * sample path with `{redacted}` segments, a whole log line's query values. The values themselves
 * are never stored or shown.
 */
import { decodeFormValue, decodeLeniently, decodeOrKeep } from './decode.ts';
import { isSecretKey } from './sensitive-patterns.ts';
import { mayHoldValue, spansOf, type Span } from './sensitive.ts';

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
        const text = decodeLeniently(segment);
        const spans = spansOf(text);
        return spans.length === 0 ? segment : encodeSegment(replaceSpans(text, spans));
      })
      .join('/');
  }
  if (typeof query !== 'string') return out;
  const parts: string[] = [];
  for (const { key, value } of pairsOf(query)) {
    if (value === undefined) {
      const spans = spansOf(decodeLeniently(key));
      parts.push(spans.length === 0 ? key : `{${spans[0]!.type}}`);
      continue;
    }
    const spans = value === '' ? [] : spansOf(decodeFormValue(value));
    const name = decodeLeniently(key);
    const marker =
      spans.length > 0 ? spans[0]!.type : value !== '' && isSecretKey(name) ? 'password-param' : 'value';
    parts.push(value === '' ? `${key}=` : `${key}={${marker}}`);
  }
  return `${out}?${parts.join('&')}`;
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

function replaceSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += `${text.slice(at, s.start)}{${s.type}}`;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Percent-encodes what a path segment cannot hold raw, keeping the `{type}` markers readable. */
function encodeSegment(text: string): string {
  return encodeURIComponent(text).replace(/%7B/g, '{').replace(/%7D/g, '}');
}

/** Replaces every query-string value in a text (a URL or a whole log line) with `***`. */
export function redactQueryValues(text: string): string {
  return text.replace(/([?&][^=&\s"?#]*=)[^&\s"#]*/g, '$1***');
}

/**
 * Sample paths: emails, JWTs, long random tokens and keys, card-like and SSN-like digit runs become
 * `{redacted}`. Ordinary ids stay.
 */
const EMAIL = /^[^@/\s]+@[^@/\s]+\.[A-Za-z]{2,}$/;
const JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/;
const CARD = /^(?:\d[ -]?){13,19}$/;
const SSN = /^\d{3}-\d{2}-\d{4}$/;
const KEY_LIKE = /^(?:AKIA|ASIA|ghp_|gho_|xox[abpr]-|sk_live_|rk_live_|AIza)[A-Za-z0-9_-]{8,}$/;
const LONG_TOKEN = /^[A-Za-z0-9_+/=-]{32,}$/;

/** Sample paths are shown and stored as-is: no longer than a template may be. */
const SAMPLE_LIMIT = 512;

/** `/users/jane@example.com/keys/AKIAABCDEFGHIJKLMNOP` -> `/users/{redacted}/keys/{redacted}`. */
export function redactPath(path: string): string {
  const query = path.indexOf('?');
  const bare = query < 0 ? path : path.slice(0, query);
  const redacted = bare
    .split('/')
    .map((segment) => (isSensitive(decodeOrKeep(segment), segment) ? '{redacted}' : segment))
    .join('/');
  if (redacted.length <= SAMPLE_LIMIT) return redacted;
  // Cut at a segment boundary, so no value is cut in half and left readable.
  const cut = redacted.lastIndexOf('/', SAMPLE_LIMIT - 2);
  return `${redacted.slice(0, cut > 0 ? cut : 0)}/...`;
}

function isSensitive(segment: string, raw: string): boolean {
  if (segment.length < 8) return false;
  // Every detector of sensitive-data findings too (phones, grouped cards, encoded forms).
  if (mayHoldValue(raw) && spansOf(decodeLeniently(raw)).length > 0) return true;
  return (
    EMAIL.test(segment) ||
    JWT.test(segment) ||
    KEY_LIKE.test(segment) ||
    SSN.test(segment) ||
    (CARD.test(segment) && luhn(segment.replace(/\D/g, ''))) ||
    // Secrets are long and mixed-case; UUIDs and hex hashes (ordinary ids) are single-case.
    (LONG_TOKEN.test(segment) && /[a-z]/.test(segment) && /[A-Z]/.test(segment) && /\d/.test(segment))
  );
}

/** Payment card numbers pass the Luhn check; most 13-19 digit ids do not. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}
