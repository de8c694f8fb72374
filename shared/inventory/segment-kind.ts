/**
 * Lexical evidence about one path segment: is it clearly an identifier (template it at once), and
 * does it look like a value rather than a word of the API's vocabulary (merge it on less evidence)?
 */
import { isVocabularyWord } from './vocabulary.ts';

export type ParamKind = 'id' | 'uuid' | 'hash' | 'date' | 'email' | 'ip' | 'number' | 'token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(?:\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const VERSION = /^v\d+(?:[._]\d+)*(?:[a-z]+\d*)?$/i;
const FILE_EXTENSION =
  /^\.(?:json|xml|yaml|yml|csv|txt|html?|pdf|png|jpe?g|gif|svg|zip|gz|js|css|md|wsdl|atom|rss)$/i;
/** Characters seen in base64/base64url tokens and signed ids, beyond letters and digits. */
const TOKEN_CHARS = /^[A-Za-z0-9_~=+.-]+$/;

/** The identifier kind of a segment that is clearly a value, e.g. `42` -> id, `550e8400-...` -> uuid. */
export function identifierKind(segment: string): ParamKind | undefined {
  const length = segment.length;
  let digits = 0;
  let letters = 0;
  let hexLetters = 0;
  let transitions = 0;
  let previous = 0; // 1 digit, 2 letter
  for (let i = 0; i < length; i++) {
    const c = segment.charCodeAt(i);
    let cls = 0;
    if (c >= 48 && c <= 57) {
      digits++;
      cls = 1;
    } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      letters++;
      cls = 2;
      const lower = c | 32;
      if (lower >= 97 && lower <= 102) hexLetters++;
    }
    if (cls !== 0) {
      if (previous !== 0 && cls !== previous) transitions++;
      previous = cls;
    }
  }
  if (digits === length) return 'id';
  if (segment.indexOf('@') > 0 && EMAIL.test(segment)) return 'email';
  if (digits === 0 && length < 64) return undefined;
  if (length === 36 && UUID.test(segment)) return 'uuid';
  if (IPV4.test(segment)) return 'ip';
  if (NUMBER.test(segment)) return 'number';
  if (DATE.test(segment)) return 'date';
  if (length >= 64) return 'token';
  if (letters === hexLetters && digits + letters === length && length >= 8 && letters > 0) return 'hash';
  if (VERSION.test(segment) || !TOKEN_CHARS.test(segment)) return undefined;
  if (letters > 0 && (transitions >= 3 || (length >= 12 && digits >= 2) || digits >= 5)) return 'token';
  return undefined;
}

/**
 * True when a segment looks like data rather than a word of the API (`jane.doe`, `mike_92`,
 * `my-first-post`); such siblings merge into a parameter on little evidence.
 */
export function looksLikeValue(segment: string): boolean {
  if (VERSION.test(segment)) return false;
  const dot = segment.lastIndexOf('.');
  // Dotted names (`jane.doe`, `acme.corp`) are values; a file extension alone (`openapi.json`) is not.
  if (dot >= 0 && !FILE_EXTENSION.test(segment.slice(dot))) return true;
  const stem = dot >= 0 ? segment.slice(0, dot) : segment;
  const words = stem.split(/[-_~+ ]+/).filter((p) => p !== '');
  // Slugs (`my-first-post`) run to three or more words; route names rarely do.
  if (words.length === 0 || words.length >= 3) return true;
  const parts = words.flatMap((w) => w.split(/(?<=[a-z])(?=[A-Z])/));
  for (const part of parts) {
    if (!isVocabularyWord(part)) return true;
  }
  return false;
}
