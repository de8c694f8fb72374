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

/** Seeded templates per host from `specs` (documents without a host name seed nothing). */
export function specTemplateRules(specs: readonly SpecModel[]): Map<string, TemplateRules> {
  const out = new Map<string, TemplateRules>();
  for (const spec of specs) {
    const templates = new Set<string>();
    for (const base of spec.basePaths)
      for (const op of spec.operations) {
        const template = `${base}/${op.path}`.replace(/\/{2,}/g, '/');
        if (template.split('/').every((s) => s === '' || PINNABLE.test(s))) templates.add(template);
      }
    for (const host of spec.hosts)
      out.set(host, { seeded: [...(out.get(host)?.seeded ?? []), ...templates] });
  }
  return out;
}

/** The user's rules with the seeds: both apply, the user's pins and names over the documents'. */
export function withSeeds(
  user: ReadonlyMap<string, TemplateRules>,
  seeds: ReadonlyMap<string, TemplateRules>,
): Map<string, TemplateRules> {
  const out = new Map(seeds);
  for (const [host, rules] of user) {
    const seeded = out.get(host)?.seeded;
    out.set(host, seeded === undefined ? rules : { ...rules, seeded });
  }
  return out;
}
