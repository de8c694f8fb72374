/** Users' corrections to templating: pinned templates and never-merge prefixes per host. */
import type { FromSchema } from 'json-schema-to-ts';

/**
 * Users' corrections to endpoint templating, per host: templates to pin, and prefixes under which
 * nothing may merge. `surveyor analyze --templates FILE` reads it (JSON or YAML).
 */
export const templateRulesSchema = {
  $id: 'https://surveyor.dev/schemas/template-rules.json',
  type: 'object',
  additionalProperties: false,
  required: ['hosts'],
  properties: {
    hosts: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          pinned: { type: 'array', items: { type: 'string', pattern: '^/' }, maxItems: 10000 },
          neverMerge: { type: 'array', items: { type: 'string', pattern: '^/' }, maxItems: 10000 },
        },
      },
    },
  },
} as const;

export type TemplateRulesDocument = FromSchema<typeof templateRulesSchema>;
