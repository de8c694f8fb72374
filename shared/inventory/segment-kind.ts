/**
 * Lexical evidence about one path segment: is it clearly an identifier (template it at once), and
 * does it look like a value rather than a word of the API's vocabulary (merge it on less evidence)?
 */
import { isVocabularyWord } from './vocabulary.ts';

export type ParamKind = 'id' | 'uuid' | 'hash' | 'date' | 'email' | 'ip' | 'number' | 'token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(?:\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** `1.1`, `2.0`: API versions far more often than data. */
const SHORT_VERSION = /^\d{1,2}\.\d{1,2}$/;
const SHORT_NUMBER = /^\d{1,2}$/;
const NUMBER = /^[+-]?\d+(?:[.,]\d+)*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const VERSION = /^v\d+(?:[._]\d+)*(?:[a-z]+\d*)?$/i;
const FILE_EXTENSION =
  /^\.(?:json|xml|yaml|yml|csv|txt|html?|pdf|png|jpe?g|gif|svg|zip|gz|js|css|md|wsdl|atom|rss)$/i;
/** `Microsoft.Compute`, `Microsoft.Web`: capitalised dotted namespaces of route names. */
const NAMESPACE = /^(?:[A-Z][A-Za-z]+\.)+[A-Z][A-Za-z]+$/;
const QUALIFIED_NAME = /^[a-z]+(?:\.[a-z]+){1,}\.[A-Za-z]{4,}$/;
const LOCALE = /^[a-z]{2}[-_][A-Z]{2}$/;
const CODE = /^[A-Z]{2,5}$/;
const PREFIXED_ID = /^[a-z]{2,6}_([A-Za-z0-9]+)$/;
const ALPHANUMERIC = /^[A-Za-z0-9]+$/;
/** Characters seen in base64/base64url tokens and signed ids, beyond letters and digits. */
const TOKEN_CHARS = /^[A-Za-z0-9_~=+.-]+$/;
/** A plain lower-case word: every rule below but the vocabulary is about other characters. */
const LOWER_WORD = /^[a-z]+$/;
/** What splits a body into case and digit parts (looksRandom); without it the body is one part. */
const CASE_OR_DIGIT = /[A-Z0-9]/;

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
  // Cheapest tests first: most segments are all digits, hex or plain words.
  if (digits + letters === length && letters === hexLetters && length >= 8 && letters > 0 && digits > 0)
    return 'hash';
  if (length === 36 && UUID.test(segment)) return 'uuid';
  if (segment.indexOf('@') > 0 && EMAIL.test(segment)) return 'email';
  if (digits === 0) return length >= 64 || looksRandom(segment) ? 'token' : undefined;
  if (IPV4.test(segment)) return 'ip';
  if (SHORT_VERSION.test(segment)) return undefined;
  if (NUMBER.test(segment)) return 'number';
  if (DATE.test(segment)) return 'date';
  if (length >= 64) return 'token';
  if (VERSION.test(segment) || !TOKEN_CHARS.test(segment)) return undefined;
  if (letters > 0 && (transitions >= 3 || (length >= 12 && digits >= 2) || digits >= 5)) return 'token';
  return looksRandom(segment) ? 'token' : undefined;
}

/** Mean letters per case-split part below which a mixed-case token is random, not camelCase words. */
const MIN_WORD_PART = 3;

/**
 * Base62 and prefixed ids without many digits (`txn_ldAYGixGxruoux`, `Jzwwwc0rQatTKK`): long, and
 * split at case changes they are not words, unlike camelCase route names (`getUserById`). Random
 * mixed case (`KoVQrUGyagXVoQVw`) splits into many one- and two-letter parts that each pass as an
 * abbreviation; camelCase words average well over three letters a part.
 */
function looksRandom(segment: string): boolean {
  const prefixed = PREFIXED_ID.exec(segment);
  const body = prefixed === null ? segment : prefixed[1]!;
  if (body.length < 10 || !ALPHANUMERIC.test(body)) return false;
  // One lower-case part (the common new segment, and what fills a host's state): no split needed.
  if (!CASE_OR_DIGIT.test(body)) return prefixed !== null && !isVocabularyWord(body);
  const parts = body.split(
    /(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=\d)(?=[A-Za-z])|(?<=[A-Za-z])(?=\d)/,
  );
  let strange = 0;
  for (const part of parts) if (!/^\d+$/.test(part) && !isVocabularyWord(part)) strange++;
  if (strange >= 2 || (prefixed !== null && strange >= 1)) return true;
  // Only for letters alone: digits split names like `b2xUserFlows` into short parts too.
  return parts.length >= 5 && !/\d/.test(body) && body.length / parts.length < MIN_WORD_PART;
}

/**
 * True when a segment looks like data rather than a word of the API (`jane.doe`, `mike_92`,
 * `my-first-post`); such siblings merge into a parameter on little evidence.
 */
export function looksLikeValue(segment: string): boolean {
  // A plain lower-case word passes every rule below but the last (it is one part): decided at once.
  if (LOWER_WORD.test(segment)) return !isVocabularyWord(segment);
  // A short number is a literal only where it is an API version (`/1/`, `/v/4/`: template-tree.ts).
  if (VERSION.test(segment) || SHORT_NUMBER.test(segment)) return false;
  // Locales (`en-US`, `pt_BR`) and upper-case codes (`USD`, `EUR`) are values of a parameter; upper-case
  // words and API terms (`SIP`, `DNS`, `XML`) are not evidence either way.
  if (LOCALE.test(segment) || (CODE.test(segment) && !isVocabularyWord(segment))) return true;
  // Google-style custom methods: `customers:listDeployments` is judged by its parts.
  const colon = segment.indexOf(':');
  if (colon > 0) return looksLikeValue(segment.slice(0, colon)) || looksLikeValue(segment.slice(colon + 1));
  // OData system segments (`$count`, `$value`) and function calls (`delta()`, `f(period='D7')`).
  if (segment.startsWith('$') || segment.includes('(')) return false;
  // Namespaces (`Microsoft.Compute`) and qualified function names (`microsoft.graph.delta`: three
  // parts or more, not ending like a domain) name routes, whatever words they are made of.
  if (NAMESPACE.test(segment) || QUALIFIED_NAME.test(segment)) return false;
  const dot = segment.lastIndexOf('.');
  // Other dotted names (`jane.doe`, `acme.io`) are values; a file extension (`openapi.json`) is not.
  if (dot >= 0 && !FILE_EXTENSION.test(segment.slice(dot)) && !segment.includes('_')) return true;
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

/** `/{id}.json`, `/{id}:cancel`: an identifier with a format extension or a custom-method verb. */
const SUFFIX =
  /^(.+?)(\.(?:json|xml|csv|txt|html?|pdf|png|jpe?g|gif|svg|zip|yaml|yml|atom|rss)|:[A-Za-z][A-Za-z0-9]*)$/i;

/** The fixed suffix of a segment, whatever its body: `news:export` -> `:export`, `a.json` -> `.json`. */
export function segmentSuffix(segment: string): string | undefined {
  return SUFFIX.exec(segment)?.[2];
}

/** The identifier kind and suffix of a segment like `42.json`, or undefined. */
export function suffixedIdentifier(segment: string): { kind: ParamKind; suffix: string } | undefined {
  const match = SUFFIX.exec(segment);
  if (match === null) return undefined;
  const kind = identifierKind(match[1]!);
  return kind === undefined ? undefined : { kind, suffix: match[2]! };
}

/** `name(key='value',n=42)`: an OData function call (Microsoft Graph, SAP) with named arguments. */
const FUNCTION_CALL = /^([^()]+)\((.+)\)$/;
const ARGUMENT = /^([A-Za-z_][A-Za-z0-9_]{0,63})=('[^']*'|[^',()=]+)$/;

/**
 * A function call's argument values are parameters, whatever they look like:
 * `microsoft.graph.getEmailActivityUserDetail(period='D7')` ->
 * `microsoft.graph.getEmailActivityUserDetail(period='{period}')`, as OData specs write them. The
 * function name and argument names stay (they are the route). Undefined for any other segment, or
 * when an argument is not `name=value` (positional keys like `Products(5)` are left as they are).
 */
export function functionCallTemplate(segment: string): string | undefined {
  if (segment.charCodeAt(segment.length - 1) !== 41 /* ) */) return undefined;
  const call = FUNCTION_CALL.exec(segment);
  if (call === null) return undefined;
  const args: string[] = [];
  for (const argument of call[2]!.split(',')) {
    const match = ARGUMENT.exec(argument);
    if (match === null) return undefined;
    const [, name, value] = match;
    args.push(value!.startsWith("'") ? `${name}='{${name}}'` : `${name}={${name}}`);
  }
  return `${call[1]}(${args.join(',')})`;
}

/** Extensions that name a representation of one resource (`/users/{id}.json`, `{id}.xml`). */
const FORMAT_EXTENSIONS = new Set(['json', 'xml', 'csv', 'txt', 'html', 'htm', 'yaml', 'yml', 'atom', 'rss']);
/** Extensions of stored files: documents, images, media, archives. */
const FILE_TYPE_EXTENSIONS = new Set(
  (
    'pdf png jpg jpeg gif svg webp bmp tif tiff ico heic mp3 mp4 m4a mov avi mkv wav ogg webm flac ' +
    'zip gz tgz tar rar 7z bz2 doc docx xls xlsx ppt pptx odt ods rtf md log bin apk dmg iso eml msg'
  ).split(' '),
);

/**
 * The extension of a file name, lower-cased with its dot (`IMG_4170.JPG` -> `.jpg`), when it is a
 * known format or file type; undefined otherwise (`jane.doe`, `acme.io`, `Microsoft.Web`).
 */
export function fileExtension(segment: string): string | undefined {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0 || segment.length - dot > 5) return undefined;
  const extension = segment.slice(dot + 1).toLowerCase();
  return FORMAT_EXTENSIONS.has(extension) || FILE_TYPE_EXTENSIONS.has(extension)
    ? `.${extension}`
    : undefined;
}

/** `.zip` -> `.zip`: a suffix (`{id}.zip`) that is a known format or file type, lower-cased. */
export function extensionOfSuffix(suffix: string): string | undefined {
  return suffix.startsWith('.') ? fileExtension(`x${suffix}`) : undefined;
}

/** True for a stored file's type (`.pdf`, `.jpg`), false for a format a resource is rendered in (`.json`). */
export function isFileTypeExtension(extension: string): boolean {
  return FILE_TYPE_EXTENSIONS.has(extension.slice(1).toLowerCase());
}
