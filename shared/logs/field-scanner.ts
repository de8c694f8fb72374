/**
 * Reads space-separated fields of an access-log line, where a field may be double-quoted with
 * backslash escapes (`\"`, `\\`, and ALB's `\xHH` for non-printable bytes). One scanner is reused per
 * line. Fields are found by offsets with native `indexOf` (a 6 KB quoted path is not walked character
 * by character), and a field's value is `text.slice(start, end)`: the line itself unless the field
 * held escapes, so callers read numbers and keep cut strings without copying whole fields.
 */
export class FieldScanner {
  private line = '';
  private pos = 0;
  /** The first backslash at or after where it was last looked for (-1: none to the end; -2: not looked yet). */
  private backslash = -2;
  /** The last field's value is `text.slice(start, end)`: the line, or the field unescaped. */
  text = '';
  start = 0;
  end = 0;

  reset(line: string): void {
    this.line = line;
    this.pos = 0;
    this.backslash = -2;
  }

  /**
   * Moves to the next field and sets `text`, `start` and `end` to its value; false at the end of the
   * line or on an unterminated quote (the rest of the line is then consumed). A field with escapes
   * is unescaped into a string of its own unless `unescapeIt` is false (a field being skipped).
   */
  advance(unescapeIt = true): boolean {
    const line = this.line;
    const length = line.length;
    let pos = this.pos;
    while (pos < length && line.charCodeAt(pos) === 32) pos++;
    if (pos >= length) {
      this.pos = pos;
      return false;
    }
    this.text = line;
    if (line.charCodeAt(pos) !== 34 /* " */) {
      let end = line.indexOf(' ', pos);
      if (end < 0) end = length;
      return this.found(pos, end, end);
    }
    const start = pos + 1;
    const quote = line.indexOf('"', start);
    if (quote < 0) {
      this.pos = length;
      return false;
    }
    const backslash = this.backslashFrom(start);
    if (backslash < 0 || backslash > quote) return this.found(start, quote, quote + 1);
    // An escape before the first quote: walk from it, since `\"` does not close the field.
    for (let i = backslash; i < length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92 /* \ */) i++;
      else if (c === 34) {
        this.found(start, i, i + 1);
        if (unescapeIt) {
          this.text = unescape(line.slice(start, i));
          this.start = 0;
          this.end = this.text.length;
        }
        return true;
      }
    }
    this.pos = length;
    return false;
  }

  /** The next field, unquoted and unescaped; undefined at the end or on an unterminated quote. */
  next(): string | undefined {
    return this.advance() ? this.text.slice(this.start, this.end) : undefined;
  }

  /**
   * The next field cut to `max` characters, unless it is absent: missing, empty or `-` (how access
   * logs write "none"). Only the kept characters are copied.
   */
  nextPresent(max: number): string | undefined {
    if (!this.advance()) return undefined;
    const { text, start, end } = this;
    if (end === start || (end === start + 1 && text.charCodeAt(start) === 45) /* - */) return undefined;
    return text.slice(start, Math.min(end, start + max));
  }

  /** Skips the next field without copying it (fields the record does not keep). */
  skip(): void {
    this.advance(false);
  }

  /** Whether the last field is exactly `word`, compared in place. */
  is(word: string): boolean {
    return this.end - this.start === word.length && this.text.startsWith(word, this.start);
  }

  /**
   * The last field as `Number(field)` reads it. Plain decimals (`200`, `0.004`, at most 15 digits)
   * are read in place: an exact integer over an exact power of ten, divided once, is the same
   * correctly rounded double `Number` gives. Anything else goes to `Number` itself.
   */
  number(): number {
    const { text, start, end } = this;
    let mantissa = 0;
    let dot = -1;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) mantissa = mantissa * 10 + (c - 48);
      else if (c === 46 /* . */ && dot < 0 && i > start && i < end - 1) dot = i;
      else return Number(text.slice(start, end));
    }
    const digits = end - start - (dot < 0 ? 0 : 1);
    if (digits === 0 || digits > 15) return Number(text.slice(start, end));
    return dot < 0 ? mantissa : mantissa / POWERS_OF_TEN[end - dot - 1]!;
  }

  /** Whether anything but spaces is left. */
  hasMore(): boolean {
    for (let i = this.pos; i < this.line.length; i++) if (this.line.charCodeAt(i) !== 32) return true;
    return false;
  }

  private found(start: number, end: number, next: number): true {
    this.start = start;
    this.end = end;
    this.pos = next;
    return true;
  }

  /** The first backslash at or after `from`, looked up once per stretch of the line, not per field. */
  private backslashFrom(from: number): number {
    if (this.backslash === -2 || (this.backslash >= 0 && this.backslash < from))
      this.backslash = this.line.indexOf('\\', from);
    return this.backslash;
  }
}

// 1e0..1e15, all exact doubles (the fraction digits of a 15-digit decimal), read as literals.
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => Number(`1e${k}`));

/** `a \"b\" \x00` -> `a "b" \u0000`: the escapes ALB and nginx write inside quoted fields. */
function unescape(raw: string): string {
  return raw.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
    e.length === 3 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : e,
  );
}
