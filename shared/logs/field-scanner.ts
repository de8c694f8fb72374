/**
 * Reads space-separated fields of an access-log line, where a field may be double-quoted with
 * backslash escapes (`\"`, `\\`, and ALB's `\xHH` for non-printable bytes). One scanner is reused per
 * line: the hot path allocates nothing but the field strings it returns.
 */
export class FieldScanner {
  private line = '';
  private pos = 0;

  reset(line: string): void {
    this.line = line;
    this.pos = 0;
  }

  /** The next field, unquoted and unescaped; undefined at the end or on an unterminated quote. */
  next(): string | undefined {
    const line = this.line;
    let pos = this.pos;
    while (pos < line.length && line.charCodeAt(pos) === 32) pos++;
    if (pos >= line.length) return undefined;
    if (line.charCodeAt(pos) !== 34 /* " */) {
      let end = line.indexOf(' ', pos);
      if (end < 0) end = line.length;
      this.pos = end;
      return line.slice(pos, end);
    }
    const start = pos + 1;
    let escaped = false;
    for (let i = start; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92 /* \ */) {
        escaped = true;
        i++;
      } else if (c === 34) {
        this.pos = i + 1;
        const raw = line.slice(start, i);
        return escaped ? unescape(raw) : raw;
      }
    }
    this.pos = line.length;
    return undefined;
  }

  /** Skips the next field without copying it (fields the record does not keep). */
  skip(): void {
    const line = this.line;
    let pos = this.pos;
    while (pos < line.length && line.charCodeAt(pos) === 32) pos++;
    if (pos >= line.length) return;
    if (line.charCodeAt(pos) !== 34) {
      const end = line.indexOf(' ', pos);
      this.pos = end < 0 ? line.length : end;
      return;
    }
    for (let i = pos + 1; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 92) i++;
      else if (c === 34) {
        this.pos = i + 1;
        return;
      }
    }
    this.pos = line.length;
  }

  /** Whether anything but spaces is left. */
  hasMore(): boolean {
    for (let i = this.pos; i < this.line.length; i++) if (this.line.charCodeAt(i) !== 32) return true;
    return false;
  }
}

function unescape(raw: string): string {
  return raw.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e: string) =>
    e.length === 3 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : e,
  );
}
