/**
 * Percent-decoding, in one place. Two policies, because the callers need different things from a
 * malformed escape: naming (templates, query keys, samples) keeps the text as logged, so a bad
 * escape never invents characters; detection decodes what it can, so `%40` still reveals an e-mail.
 */

/** `decodeOrKeep('a%20b') === 'a b'`; malformed escapes (`%E0%A4%A`) return the text unchanged. */
export function decodeOrKeep(text: string): string {
  if (text.indexOf('%') < 0) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Like decodeOrKeep, but a malformed text still has its well-formed escapes decoded byte by byte. */
export function decodeLeniently(text: string): string {
  if (text.indexOf('%') < 0) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%[0-9A-Fa-f]{2}/g, (e) => String.fromCharCode(parseInt(e.slice(1), 16)));
  }
}

/** Form-encoded values use '+' for spaces; a leading '+' is kept, as it starts E.164 phone numbers. */
export function decodeFormValue(text: string): string {
  const spaced = text.indexOf('+') > 0 ? text[0] + text.slice(1).replaceAll('+', ' ') : text;
  return decodeLeniently(spaced);
}
