/**
 * Errors in user documents (OpenAPI, risk rules) located on the line of the user's own file, JSON
 * or YAML: a validator's path means little to the person fixing it.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

/**
 * The OpenAPI validator reports an error as a code frame of the document printed as JSON with
 * two-space indentation. These helpers turn that frame back into a JSON pointer and then into the
 * line of the user's own file (JSON or YAML), which is what a person fixing the spec needs.
 */

/** For each line of `JSON.stringify(value, null, 2)`, the JSON pointer of the value on that line. */
export function prettyJsonLinePointers(value: unknown): string[] {
  const lines: string[] = [];
  const walk = (node: unknown, pointer: string): void => {
    lines.push(pointer);
    const entries = childEntries(node);
    if (entries === undefined || entries.length === 0) return;
    for (const [key, child] of entries) walk(child, `${pointer}/${escapePointer(key)}`);
    lines.push(pointer); // closing bracket
  };
  walk(value, '');
  return lines;
}

function childEntries(node: unknown): [string, unknown][] | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  if (typeof (node as { toJSON?: unknown }).toJSON === 'function') return undefined;
  if (Array.isArray(node)) return node.map((child, i) => [String(i), child]);
  // JSON.stringify drops undefined and function members.
  return Object.entries(node).filter(([, v]) => v !== undefined && typeof v !== 'function');
}

export function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescapePointer(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The marked line (`>  9 |`) of a validator code frame, 1-based, if the message has one. */
export function frameLine(message: string): number | undefined {
  const match = /^>\s*(\d+)\s*\|/m.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** A parsed source text that can say on which line a JSON pointer starts. */
export class SourceLocator {
  private readonly lineCounter = new LineCounter();
  readonly document: Document.Parsed;

  constructor(text: string) {
    this.document = parseDocument(text, { lineCounter: this.lineCounter, uniqueKeys: false });
  }

  /** 1-based line of the node at `pointer`, or of its nearest ancestor that exists in the source. */
  lineOf(pointer: string): number | undefined {
    const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
    let node: unknown = this.document.contents;
    let line = this.startLine(node);
    for (const token of tokens) {
      const next = isMap(node) ? node.items.find((pair) => keyText(pair.key) === token) : undefined;
      if (next !== undefined) {
        line = this.startLine(next.key) ?? line;
        node = next.value;
      } else if (isSeq(node) && /^\d+$/.test(token) && node.items[Number(token)] !== undefined) {
        node = node.items[Number(token)];
        line = this.startLine(node) ?? line;
      } else {
        break; // inside an inlined $ref or a node the source does not have
      }
    }
    return line;
  }

  private startLine(node: unknown): number | undefined {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.lineCounter.linePos(range[0]).line : undefined;
  }
}

function keyText(key: unknown): string {
  const value = (key as { value?: unknown } | null)?.value ?? key;
  return String(value);
}
