/**
 * An uploaded OpenAPI document's path templates seed the templater for its hosts: every documented
 * path is pinned, so a documented literal (`/users/me`) is never merged into a parameter and a
 * documented parameter (`/tags/{tag}`) applies from the first call, whatever its values look like.
 * Undocumented traffic is still inferred around them (and still becomes shadow findings).
 */
import type { SpecModel } from '#shared/openapi/spec-model';
import type { TemplateRules } from './template-pins.ts';

/** A segment the templater can pin: a literal, or one whole parameter (`{id}`, not `{id}.json`). */
const PINNABLE = /^(?:[^{}]+|\{[^{}]+\})$/;

/** Pinned templates per host from `specs` (documents without a host name seed nothing). */
export function specTemplateRules(specs: readonly SpecModel[]): Map<string, TemplateRules> {
  const out = new Map<string, TemplateRules>();
  for (const spec of specs) {
    const templates = new Set<string>();
    for (const base of spec.basePaths)
      for (const op of spec.operations) {
        const template = `${base}/${op.path}`.replace(/\/{2,}/g, '/');
        if (template.split('/').every((s) => s === '' || PINNABLE.test(s))) templates.add(template);
      }
    for (const host of spec.hosts) {
      const pinned = [...(out.get(host)?.pinned ?? []), ...templates];
      out.set(host, { pinned });
    }
  }
  return out;
}

/** The user's rules over the seeds: both sets of pins apply, and the user's never-merge prefixes. */
export function withSeeds(
  user: ReadonlyMap<string, TemplateRules>,
  seeds: ReadonlyMap<string, TemplateRules>,
): Map<string, TemplateRules> {
  const out = new Map(seeds);
  for (const [host, rules] of user) {
    const seeded = out.get(host)?.pinned ?? [];
    out.set(host, { ...rules, pinned: [...seeded, ...(rules.pinned ?? [])] });
  }
  return out;
}
