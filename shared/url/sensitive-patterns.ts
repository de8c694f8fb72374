/**
 * The patterns behind `detectSensitive`: one regex per kind of value that finds candidates, and a
 * validator that rejects look-alikes (Luhn and issuer ranges for cards, invalid SSN ranges, a JWT
 * header that must decode to JSON naming an `alg`). Regexes are written to run in linear time.
 */

export const SENSITIVE_TYPES = [
  'email',
  'card',
  'ssn',
  'phone',
  'jwt',
  'aws-access-key',
  'credential',
  'password-param',
] as const;
export type SensitiveType = (typeof SENSITIVE_TYPES)[number];

/** One value detector: runs only when `applies` to the text's features, then regex, then check. */
export interface ValueDetector {
  type: Exclude<SensitiveType, 'password-param'>;
  applies: (features: number) => boolean;
  pattern: RegExp;
  valid?: (match: string) => boolean;
}

// Features of a text as bit flags, so the per-call scan allocates nothing. Digit flags come from
// "stretches": runs of digits and separators (space - . ( ) +) between other characters, so the
// hex groups of a UUID or the digits of an id never add up to a card or a phone.
export const F_AT = 1;
export const F_KEYWORD = 2;
export const F_PERCENT = 4;
/** A run of 13+ digits starting with 2-6, or 13+ digits in groups of at most 6 with separators. */
export const F_CARD = 8;
/** 9+ digits in groups of at most 4 with separators. */
export const F_SSN = 16;
/** 8+ digits after a '+', or 10+ digits in groups of at most 4 with separators. */
export const F_PHONE = 32;

/** Characters that may start a JWT or credential prefix (see keywordAt), '@' and '%': 1 in this table. */
const MARKS = new Uint8Array(128);
for (const ch of 'eAgx_L@%') MARKS[ch.charCodeAt(0)] = 1;

/**
 * One pass over `text`: which detectors could match (see the `F_` flags). It runs on every path
 * (twice for a line the parser checks and the forwarder redacts), so the common character, a letter,
 * costs three comparisons and a table read: separators are all below '0', and a stretch's counters
 * are reset only when a stretch was open.
 */
export function featuresOf(text: string): number {
  let flags = 0;
  // Per stretch: all digits, digits in runs of at most 4 and of at most 6, the longest run that
  // could open a card (first digit 2-6: 13-digit millisecond timestamps start with 1).
  let digits = 0;
  let short4 = 0;
  let short6 = 0;
  let longCard = 0;
  let run = 0;
  let runFirst = 0;
  let separated = false;
  let plus = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c >= 48 && c <= 57) {
      digits++;
      if (run++ === 0) runFirst = c;
      if (run > longCard && runFirst >= 50 && runFirst <= 54) longCard = run;
      continue;
    }
    if (run > 0) {
      if (run <= 4) short4 += run;
      if (run <= 6) short6 += run;
      run = 0;
    }
    if (c < 48 && (c === 32 || c === 45 || c === 46 || c === 40 || c === 41 || c === 43)) {
      separated = true;
      if (c === 43) plus = true;
      else if (c === 45 && n - i >= 10 && text.startsWith('-----BEGIN', i)) flags |= F_KEYWORD;
      continue;
    }
    if (digits !== 0 || separated) {
      if (digits >= 8) {
        // The regexes' digit groups are whole runs (their look-arounds forbid adjacent digits).
        if (longCard >= 13 || (short6 >= 13 && separated)) flags |= F_CARD;
        if (short4 >= 9 && separated) flags |= F_SSN;
        if (plus || (short4 >= 10 && separated)) flags |= F_PHONE;
      }
      digits = short4 = short6 = longCard = 0;
      separated = plus = false;
    }
    if (c < 0 || c >= 128 || MARKS[c] === 0) continue;
    if (c === 64) flags |= F_AT;
    else if (c === 37) flags |= F_PERCENT;
    else if (n - i >= 10 && keywordAt(text, i, c)) flags |= F_KEYWORD;
  }
  return flags;
}

/** Does a JWT or credential prefix start at `i` (char code `c`)? Second characters are tested first. */
function keywordAt(text: string, i: number, c: number): boolean {
  const next = text.charCodeAt(i + 1);
  switch (c) {
    case 101 /* e */:
      return next === 121 && text.charCodeAt(i + 2) === 74; // eyJ
    case 65 /* A */:
      return (
        (next === 75 && text.startsWith('AKIA', i)) ||
        (next === 83 && text.startsWith('ASIA', i)) ||
        (next === 73 && text.startsWith('AIza', i))
      );
    case 103 /* g */:
      return (next === 104 || next === 105) && /^gh[pousr]_|^github_pat_/.test(text.slice(i, i + 11));
    case 120 /* x */:
      return next === 111 && /^xox[abeprs]-/.test(text.slice(i, i + 5));
    case 95 /* _ */:
      return next === 108 && text.startsWith('_live_', i);
    case 76 /* L */:
      return next === 83 && text.startsWith('LS0tLS1CRUdJT', i);
    default:
      return false;
  }
}

// Image variants like `logo@2x.png` look like e-mail addresses; no real TLD is a file extension.
const FILE_TLD = /\.(?:png|jpe?g|gif|svg|webp|ico|css|js|json|html?|xml|txt|pdf)$/i;

/** Checked in this order; an earlier detector wins where matches overlap (a JWT holds digits). */
export const VALUE_DETECTORS: readonly ValueDetector[] = [
  {
    type: 'jwt',
    applies: (f) => (f & F_KEYWORD) !== 0,
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
    valid: isJwt,
  },
  {
    type: 'credential',
    applies: (f) => (f & F_KEYWORD) !== 0,
    pattern:
      /(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255}|xox[abeprs]-[A-Za-z0-9-]{10,250}|[sr]k_live_[A-Za-z0-9]{20,250}|AIza[A-Za-z0-9_-]{35}|-----BEGIN[A-Z ]{0,20}PRIVATE KEY-----|LS0tLS1CRUdJTi[A-Za-z0-9+/=]{0,40}UFJJVkFURSBLRVk)/g,
  },
  {
    type: 'aws-access-key',
    applies: (f) => (f & F_KEYWORD) !== 0,
    pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
  },
  {
    type: 'email',
    applies: (f) => (f & F_AT) !== 0,
    pattern:
      /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
    valid: (m) => !FILE_TLD.test(m),
  },
  {
    type: 'card',
    applies: (f) => (f & F_CARD) !== 0,
    pattern:
      /(?<![A-Za-z0-9])(?:\d{13,19}|\d{4}(?:([ -])\d{4}){2,3}(?:[ -]\d{1,4})?|\d{4}[ -]\d{6}[ -]\d{4,5})(?![A-Za-z0-9])/g,
    valid: (m) => isCardNumber(m.replace(/[ -]/g, '')),
  },
  {
    type: 'ssn',
    applies: (f) => (f & F_SSN) !== 0,
    pattern: /(?<![A-Za-z0-9-])\d{3}([- ])\d{2}\1\d{4}(?![A-Za-z0-9]|-\d)/g,
    valid: isSsn,
  },
  {
    type: 'phone',
    applies: (f) => (f & F_PHONE) !== 0,
    // E.164 with '+' and optional separators, or North American numbers written with separators.
    pattern:
      /(?<![A-Za-z0-9+])(?:\+[1-9](?:[ .-]?\(?\d\)?){7,14}|(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4})(?![A-Za-z0-9]|[-.]\d)/g,
    valid: (m) => digitCount(m) >= 8,
  },
];

/** Luhn checksum over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * A payment card: Luhn-valid and in a major issuer range with that issuer's length, so 13-digit
 * millisecond timestamps (starting with 1) and long numeric ids mostly fail.
 * `isCardNumber('4111111111111111')` -> true.
 */
export function isCardNumber(digits: string): boolean {
  const n = digits.length;
  if (n < 13 || n > 19 || !luhnValid(digits)) return false;
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  const p3 = Math.trunc(p4 / 10);
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) return n >= 14 && n <= 16; // Diners
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return n >= 16; // Discover
  if (p4 >= 3528 && p4 <= 3589) return n >= 16; // JCB
  if (p2 === 62) return n >= 16; // UnionPay
  return false;
}

/** US SSN `AAA-GG-SSSS` outside the never-issued ranges (area 000, 666, 900-999; group 00; serial 0000). */
export function isSsn(text: string): boolean {
  const area = Number(text.slice(0, 3));
  const group = Number(text.slice(4, 6));
  const serial = Number(text.slice(7, 11));
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}

/** Three base64url parts whose header decodes to a JSON object with a string `alg`. */
export function isJwt(text: string): boolean {
  const dot = text.indexOf('.');
  if (dot < 0 || dot > 2048) return false;
  try {
    const header: unknown = JSON.parse(Buffer.from(text.slice(0, dot), 'base64url').toString('utf8'));
    return (
      typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

// Query keys whose value is a secret whatever it looks like.
const SECRET_KEYS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'client_secret',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'auth_token',
  'api_key',
  'apikey',
  'api-key',
  'key',
  'auth',
  'authorization',
  'jwt',
  'session',
  'sessionid',
  'session_id',
  'private_key',
  'sig',
  'signature',
  'x-amz-credential',
  'x-amz-signature',
  'x-amz-security-token',
]);
// Last words after a separator that name a secret: `user[password]`, `db.pwd`, `oauth_token`.
const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'secret', 'token', 'apikey', 'privatekey']);
// Two-word endings: `stripe_api_key`, `ssh-private-key`.
const SECRET_PAIRS = new Set(['api key', 'private key', 'client secret', 'access token', 'refresh token']);
// `<word>_token` that only pages through results.
const PAGING_WORDS = new Set(['page', 'next', 'continuation', 'cursor', 'sync', 'resume']);

/** True for query keys that name a secret: `password`, `access_token`, `user[password]`, not `page_token`. */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  if (SECRET_KEYS.has(k)) return true;
  const end = k.endsWith(']') ? k.length - 1 : k.length;
  const cut = lastSeparator(k, end);
  if (cut < 0) return false;
  const last = k.slice(cut + 1, end);
  const before = lastSeparator(k, cut);
  const previous = k.slice(before + 1, cut);
  if (SECRET_PAIRS.has(`${previous} ${last}`)) return true;
  if (!SECRET_WORDS.has(last)) return false;
  return !(last === 'token' && PAGING_WORDS.has(previous));
}

function lastSeparator(text: string, end: number): number {
  for (let i = end - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 95 /* _ */ || c === 46 /* . */ || c === 45 /* - */ || c === 91 /* [ */ || c === 93 /* ] */)
      return i;
  }
  return -1;
}
