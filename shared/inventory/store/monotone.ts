/**
 * Item values that only move one way (first seen down, last seen and maxima up, sketches and sample
 * sets grow). Merging them is idempotent, so a retried or concurrent fix can never regress them.
 */

export interface MonotoneFields {
  readonly min?: Record<string, string | number>;
  readonly max?: Record<string, string | number>;
  /** HyperLogLog registers as base64; merged register-wise by maximum. */
  readonly sketches?: Record<string, string>;
  /** Small sets (e.g. sample paths), capped at `limit` values. */
  readonly sets?: Record<string, { readonly values: readonly string[]; readonly limit: number }>;
}

/** The attribute values that must change for `item` to include `fields`; empty when none. */
export function mergeMonotone(
  item: Record<string, unknown> | undefined,
  fields: MonotoneFields,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [attr, value] of Object.entries(fields.min ?? {})) {
    const current = item?.[attr] as string | number | undefined;
    if (current === undefined || value < current) changes[attr] = value;
  }
  for (const [attr, value] of Object.entries(fields.max ?? {})) {
    const current = item?.[attr] as string | number | undefined;
    if (current === undefined || value > current) changes[attr] = value;
  }
  for (const [attr, sketch] of Object.entries(fields.sketches ?? {})) {
    const current = item?.[attr] as string | undefined;
    const merged = current === undefined ? sketch : mergeRegisters(current, sketch);
    if (merged !== current) changes[attr] = merged;
  }
  for (const [attr, { values, limit }] of Object.entries(fields.sets ?? {})) {
    const current = (item?.[attr] as string[] | undefined) ?? [];
    if (current.length >= limit) continue;
    const merged = [...new Set([...current, ...values])].slice(0, limit);
    if (merged.length > current.length) changes[attr] = merged;
  }
  return changes;
}

/** Register-wise maximum of two equally sized HyperLogLog sketches; the larger wins otherwise. */
export function mergeRegisters(a: string, b: string): string {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  if (x.length !== y.length) return x.length >= y.length ? a : b;
  let changed = false;
  for (let i = 0; i < x.length; i++) {
    if (y[i]! > x[i]!) {
      x[i] = y[i]!;
      changed = true;
    }
  }
  return changed ? x.toString('base64') : a;
}
