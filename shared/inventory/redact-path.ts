/**
 * Redacts values that look sensitive in a concrete sample path before it is stored or shown:
 * emails, JWTs, long random tokens and keys, card-like and SSN-like digit runs. Ordinary ids stay.
 */
const EMAIL = /^[^@/\s]+@[^@/\s]+\.[A-Za-z]{2,}$/;
const JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/;
const CARD = /^(?:\d[ -]?){13,19}$/;
const SSN = /^\d{3}-\d{2}-\d{4}$/;
const KEY_LIKE = /^(?:AKIA|ASIA|ghp_|gho_|xox[abpr]-|sk_live_|rk_live_|AIza)[A-Za-z0-9_-]{8,}$/;
const LONG_TOKEN = /^[A-Za-z0-9_+/=-]{32,}$/;

/** `/users/jane@example.com/keys/AKIAABCDEFGHIJKLMNOP` -> `/users/{redacted}/keys/{redacted}`. */
export function redactPath(path: string): string {
  const query = path.indexOf('?');
  const bare = query < 0 ? path : path.slice(0, query);
  return bare
    .split('/')
    .map((segment) => (isSensitive(decode(segment)) ? '{redacted}' : segment))
    .join('/');
}

function isSensitive(segment: string): boolean {
  if (segment.length < 8) return false;
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

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
