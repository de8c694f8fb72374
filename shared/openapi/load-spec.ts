/**
 * Loads an uploaded OpenAPI 2.0/3.x document into the model conformance needs, with problems
 * located on the user's own lines.
 */
import { readFile } from 'node:fs/promises';
import { dereference, validate, type ParserOptions } from '@readme/openapi-parser';
import { frameLine, prettyJsonLinePointers, SourceLocator } from '#shared/documents/locate-errors';
import { documentOverLimit, SPEC_LIMITS, textOverLimit } from '#shared/documents/document-limits';
import { toSpecModel, type SpecModel } from './spec-model.ts';

export interface SpecProblem {
  readonly message: string;
  /** JSON pointer into the document, e.g. `/paths/~1users/get/responses`. */
  readonly pointer?: string;
  /** 1-based line in the source text. */
  readonly line?: number;
}

export class SpecValidationError extends Error {
  readonly problems: readonly SpecProblem[];
  constructor(source: string, problems: readonly SpecProblem[], options?: { cause?: unknown }) {
    super(`${source}: invalid API specification\n${problems.map(formatProblem).join('\n')}`, options);
    this.name = 'SpecValidationError';
    this.problems = problems;
  }
}

// Tenant-supplied documents must not make us read files or fetch URLs through external $refs.
const PARSER_OPTIONS: ParserOptions = {
  resolve: { external: false, file: false },
  dereference: { circular: 'ignore' },
};

/**
 * Validates and normalizes an OpenAPI 2.0/3.0/3.1 document given as JSON or YAML text.
 * @example const model = await loadSpec(await readFile('openapi.yaml', 'utf8'), 'openapi.yaml')
 */
export async function loadSpec(text: string, source = 'spec'): Promise<SpecModel> {
  const tooBig = textOverLimit(text, SPEC_LIMITS);
  if (tooBig !== undefined) throw new SpecValidationError(source, [{ message: tooBig }]);
  const locator = new SourceLocator(text);
  const syntax = locator.document.errors;
  if (syntax.length > 0) {
    throw new SpecValidationError(source, syntaxProblems(syntax));
  }
  const parsed: unknown = locator.document.toJS({ maxAliasCount: 100 });
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SpecValidationError(source, [{ message: 'the document is not an object', line: 1 }]);
  }
  const overLimit = documentOverLimit(parsed, SPEC_LIMITS);
  if (overLimit !== undefined) throw new SpecValidationError(source, [{ message: overLimit }]);
  const result = await validate(structuredClone(parsed) as never, PARSER_OPTIONS);
  if (!result.valid) {
    const lines = await prettyLines(parsed);
    throw new SpecValidationError(
      source,
      result.errors.map((e) => locate(e.message, lines, locator)),
    );
  }
  const doc = await dereference(structuredClone(parsed) as never, PARSER_OPTIONS);
  return toSpecModel(doc as unknown as Record<string, unknown>);
}

/** Reads and loads a spec file; the path is used in error messages. */
export async function loadSpecFile(path: string): Promise<SpecModel> {
  return loadSpec(await readFile(path, 'utf8'), path);
}

// The validator prints the dereferenced document; map its lines the same way.
async function prettyLines(parsed: object): Promise<string[] | undefined> {
  try {
    return prettyJsonLinePointers(await dereference(structuredClone(parsed) as never, PARSER_OPTIONS));
  } catch {
    return undefined;
  }
}

function locate(message: string, lines: string[] | undefined, locator: SourceLocator): SpecProblem {
  const hint = /\^+\s+(.+)$/m.exec(message)?.[1]?.trim();
  const first = message.split('\n')[0]?.trim() ?? message;
  const title = hint !== undefined ? `${first} (${hint})` : first;
  const at = frameLine(message);
  const pointer = at !== undefined ? lines?.[at - 1] : undefined;
  if (pointer === undefined) return { message: title };
  const line = locator.lineOf(pointer);
  return { message: title, pointer: pointer === '' ? '/' : pointer, ...(line !== undefined && { line }) };
}

function formatProblem(problem: SpecProblem): string {
  const where = [problem.pointer, problem.line !== undefined ? `line ${problem.line}` : undefined].filter(
    Boolean,
  );
  return `  ${where.length > 0 ? `${where.join(', ')}: ` : ''}${problem.message}`;
}

function syntaxProblems(
  errors: readonly { message: string; linePos?: [{ line: number }, ...unknown[]] }[],
): SpecProblem[] {
  const seen = new Map<string, SpecProblem>();
  for (const error of errors) {
    const message = (error.message.split('\n')[0] ?? error.message).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    const line = error.linePos?.[0].line;
    const key = `${line}:${message}`;
    if (!seen.has(key))
      seen.set(key, { message: `syntax error: ${message}`, ...(line !== undefined && { line }) });
  }
  return [...seen.values()];
}
