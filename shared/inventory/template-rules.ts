/** Loads the user's templating corrections (JSON or YAML) into the map the Templater takes. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describeErrors, validateTemplateRules } from '#events/validate';
import type { TemplateRules } from './templater.ts';

export class TemplateRulesError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TemplateRulesError';
  }
}

/** `loadTemplateRules('templates.yaml')` -> Map of host -> { pinned, neverMerge }. */
export function loadTemplateRules(path: string): Map<string, TemplateRules> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TemplateRulesError(`cannot read templates file ${path}`, { cause });
  }
  return parseTemplateRules(text, path);
}

export function parseTemplateRules(text: string, source = 'templates file'): Map<string, TemplateRules> {
  let document: unknown;
  try {
    document = parse(text);
  } catch (cause) {
    throw new TemplateRulesError(`${source} is not valid JSON or YAML: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (!validateTemplateRules(document)) {
    throw new TemplateRulesError(`${source}: ${describeErrors(validateTemplateRules)}`);
  }
  return new Map(Object.entries(document.hosts).map(([host, rules]) => [host.toLowerCase(), rules]));
}
