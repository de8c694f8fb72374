/**
 * Limits on tenant-supplied documents (OpenAPI specs, risk rules), checked before validation: the
 * validator and the dereferencer run in shared Lambdas, so a document must not be able to stall
 * them. Bytes bound the parse; `$ref` counts and the size of the document with every local `$ref`
 * expanded bound what a "billion laughs" of references could make validation and printing walk.
 */

export interface DocumentLimits {
  readonly maxBytes: number;
  readonly maxRefs: number;
  /** Values (objects, arrays, scalars) in the document once every local `$ref` is expanded. */
  readonly maxExpandedValues: number;
}

export const SPEC_LIMITS: DocumentLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxRefs: 20_000,
  maxExpandedValues: 2_000_000,
};
export const RULES_LIMITS: DocumentLimits = { maxBytes: 1024 * 1024, maxRefs: 0, maxExpandedValues: 200_000 };

/** The first limit `text` breaks, as a sentence, or undefined. Cheap: no parse. */
export function textOverLimit(text: string, limits: DocumentLimits): string | undefined {
  // UTF-16 length bounds UTF-8 bytes from below by at most 3x: check cheaply, then exactly.
  if (text.length <= limits.maxBytes / 3) return undefined;
  const bytes = Buffer.byteLength(text);
  return bytes > limits.maxBytes
    ? `the document is ${bytes} bytes; the limit is ${limits.maxBytes}`
    : undefined;
}

/** The first limit the parsed document breaks, as a sentence, or undefined. */
export function documentOverLimit(doc: unknown, limits: DocumentLimits): string | undefined {
  let refs = 0;
  const memo = new Map<object, number>();
  const inProgress = new Set<object>();
  const cap = limits.maxExpandedValues + 1;
  const size = (value: unknown): number => {
    if (value === null || typeof value !== 'object') return 1;
    const known = memo.get(value);
    if (known !== undefined) return known;
    // A cycle through references is not expanded (the dereferencer leaves it circular).
    if (inProgress.has(value)) return 1;
    inProgress.add(value);
    let total = 1;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      refs++;
      const target = ref.startsWith('#') ? pointerTarget(doc, ref.slice(1)) : undefined;
      if (target !== undefined) total += size(target);
    }
    for (const child of Object.values(value)) {
      if (total >= cap) break;
      total += size(child);
    }
    inProgress.delete(value);
    total = Math.min(total, cap);
    memo.set(value, total);
    return total;
  };
  const expanded = size(doc);
  if (refs > limits.maxRefs) return `the document has ${refs} $refs; the limit is ${limits.maxRefs}`;
  if (expanded > limits.maxExpandedValues)
    return `the document expands to more than ${limits.maxExpandedValues} values through its $refs`;
  return undefined;
}

/** `/components/schemas/A` in `doc`, or undefined. */
function pointerTarget(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
