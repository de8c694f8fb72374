/**
 * Loads the tenant's risk-rules document (JSON or YAML): schema-validated, globs and CIDRs compiled
 * once, problems located on the user's lines.
 */
import { Ajv } from 'ajv';
import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import {
  riskRulesSchema,
  type RiskRule,
  type RiskRules,
  type TenantSettings,
} from '#events/risk-rules.schema';
import { compileCidrs, InvalidCidrError } from '#shared/classify/network';
import { SourceLocator } from '#shared/documents/locate-errors';
import { documentOverLimit, RULES_LIMITS, textOverLimit } from '#shared/documents/document-limits';

/**
 * Globs compile to regular expressions that run on every endpoint of the tenant: bounded in length
 * and wildcards, and without extglobs (`+(a|aa)`), whose nested repetition can backtrack badly.
 */
export const GLOB_LIMITS = { maxLength: 256, maxWildcards: 16 } as const;

// Compiled once at module load.
const validate = new Ajv({ allErrors: true, strict: true }).compile<RiskRules>(riskRulesSchema);

export interface RuleProblem {
  readonly message: string;
  readonly pointer?: string;
  readonly line?: number;
}

export class RulesValidationError extends Error {
  readonly problems: readonly RuleProblem[];
  constructor(source: string, problems: readonly RuleProblem[]) {
    const lines = problems.map(
      (p) => `  ${[p.pointer, p.line && `line ${p.line}`].filter(Boolean).join(', ')}: ${p.message}`,
    );
    super(`${source}: invalid risk rules\n${lines.join('\n')}`);
    this.name = 'RulesValidationError';
    this.problems = problems;
  }
}

/** A rule with its globs compiled, ready to test endpoints many times. */
export interface CompiledRule {
  readonly rule: RiskRule;
  readonly host?: (host: string) => boolean;
  readonly path?: (path: string) => boolean;
}

/** A validated risk-rules document: compiled rules and the tenant's settings. */
export interface RiskDocument {
  readonly rules: CompiledRule[];
  readonly settings: TenantSettings;
}

/**
 * Parses (JSON or YAML), validates and compiles a risk-rules document.
 * @example const rules = loadRules(await readFile('rules.json', 'utf8'), 'rules.json')
 */
export function loadRules(text: string, source = 'rules'): CompiledRule[] {
  return loadRiskDocument(text, source).rules;
}

/** Like `loadRules`, keeping the document's `settings` (expected countries, internal CIDRs...). */
export function loadRiskDocument(text: string, source = 'rules'): RiskDocument {
  const tooBig = textOverLimit(text, RULES_LIMITS);
  if (tooBig !== undefined) throw new RulesValidationError(source, [{ message: tooBig }]);
  const locator = new SourceLocator(text);
  if (locator.document.errors.length > 0) {
    const first = locator.document.errors[0];
    throw new RulesValidationError(source, [
      { message: `syntax error: ${first?.message.split('\n')[0] ?? ''}`, line: first?.linePos?.[0].line },
    ]);
  }
  const doc: unknown = locator.document.toJS({ maxAliasCount: 100 });
  const overLimit = documentOverLimit(doc, RULES_LIMITS);
  if (overLimit !== undefined) throw new RulesValidationError(source, [{ message: overLimit }]);
  if (!validate(doc)) {
    throw new RulesValidationError(
      source,
      (validate.errors ?? []).map((e) => {
        const pointer = e.instancePath || '/';
        const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
        return {
          message: `${e.message ?? 'is invalid'}${extra}`,
          pointer,
          line: locator.lineOf(e.instancePath),
        };
      }),
    );
  }
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  const compiled = doc.rules.map((rule, i) => {
    const pointer = `/rules/${i}/id`;
    if (seen.has(rule.id))
      problems.push({ message: `duplicate rule id ${rule.id}`, pointer, line: locator.lineOf(pointer) });
    seen.add(rule.id);
    for (const field of ['host', 'path'] as const) {
      const globs = rule.match[field];
      for (const [j, glob] of (typeof globs === 'string' ? [globs] : (globs ?? [])).entries()) {
        const problem = globProblem(glob);
        const at = `/rules/${i}/match/${field}${typeof globs === 'string' ? '' : `/${j}`}`;
        if (problem !== undefined) problems.push({ message: problem, pointer: at, line: locator.lineOf(at) });
      }
    }
    return problems.length > 0 ? { rule } : compileRule(rule);
  });
  (doc.settings?.internalCidrs ?? []).forEach((cidr, i) => {
    try {
      compileCidrs([cidr]);
    } catch (error) {
      if (!(error instanceof InvalidCidrError)) throw error;
      const pointer = `/settings/internalCidrs/${i}`;
      problems.push({ message: error.message, pointer, line: locator.lineOf(pointer) });
    }
  });
  if (problems.length > 0) throw new RulesValidationError(source, problems);
  return { rules: compiled, settings: doc.settings ?? {} };
}

/** Reads a rules file from disk. */
export async function loadRulesFile(path: string): Promise<CompiledRule[]> {
  return loadRules(await readFile(path, 'utf8'), path);
}

/** Reads a risk-rules document (rules and settings) from disk. */
export async function loadRiskDocumentFile(path: string): Promise<RiskDocument> {
  return loadRiskDocument(await readFile(path, 'utf8'), path);
}

function globProblem(glob: string): string | undefined {
  if (glob.length > GLOB_LIMITS.maxLength)
    return `glob is ${glob.length} characters; the limit is ${GLOB_LIMITS.maxLength}`;
  const wildcards = glob.match(/[*?]/g)?.length ?? 0;
  if (wildcards > GLOB_LIMITS.maxWildcards)
    return `glob has ${wildcards} wildcards; the limit is ${GLOB_LIMITS.maxWildcards}`;
  if (/[@!+*?]\(/.test(glob)) return 'extglob patterns such as +(a|b) are not supported';
  return undefined;
}

const GLOB_OPTIONS = { nocase: true, dot: true, noextglob: true } as const;

function compileRule(rule: RiskRule): CompiledRule {
  const { host, path } = rule.match;
  return {
    rule,
    ...(host !== undefined && { host: picomatch(host, GLOB_OPTIONS) }),
    ...(path !== undefined && { path: picomatch(path, GLOB_OPTIONS) }),
  };
}
