import { describe, it, expect } from '@jest/globals';
import { join } from 'node:path';
import { loadRules, loadRulesFile, RulesValidationError } from '#shared/rules/load-rules';

const rules = join(import.meta.dirname, '../../events/rules');

describe('loadRules', () => {
  it('loads and compiles a valid rules document', async () => {
    const compiled = await loadRulesFile(join(rules, 'billing.json'));

    expect(compiled.map((c) => c.rule.id)).toEqual(['no-post-on-billing', 'russian-5xx', 'dev-email']);
    expect(compiled[0]?.host?.('pay.EXAMPLE.com')).toBe(true);
    expect(compiled[0]?.path?.('/billing/{id}/charge')).toBe(true);
    expect(compiled[0]?.path?.('/billingx')).toBe(false);
  });

  it('reports every schema problem with its JSON pointer and source line', async () => {
    const error = await loadRulesFile(join(rules, 'invalid.yaml')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RulesValidationError);
    const problems = (error as RulesValidationError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/rules/1/id', line: 7 }),
        expect.objectContaining({ pointer: '/rules/1/severity', line: 9 }),
        expect.objectContaining({ pointer: '/rules/1/match/methods/0', line: 11 }),
        expect.objectContaining({ pointer: '/rules/1/match', message: expect.stringContaining('colour') }),
      ]),
    );
  });

  it('rejects duplicate rule ids once the schema holds', () => {
    const text = JSON.stringify({
      rules: [
        { id: 'a', category: 'c', severity: 'low', match: { minCalls: 1 } },
        { id: 'a', category: 'c', severity: 'low', match: { minCalls: 2 } },
      ],
    });

    expect(() => loadRules(text)).toThrow(/duplicate rule id a/);
  });

  it('rejects a rule whose match is empty, since it would match every endpoint', () => {
    const text = JSON.stringify({ rules: [{ id: 'a', category: 'c', severity: 'low', match: {} }] });

    expect(() => loadRules(text)).toThrow(RulesValidationError);
  });

  it('reports a syntax error with its line', () => {
    const error = (() => {
      try {
        loadRules('{ "rules": [\n  { "id": ');
      } catch (e) {
        return e as RulesValidationError;
      }
      return undefined;
    })();

    expect(error?.problems[0]?.line).toBeGreaterThan(0);
  });
});

describe('loadRules on hostile documents', () => {
  const rule = (path: string) =>
    JSON.stringify({ rules: [{ id: 'r', category: 'c', severity: 'low', match: { path } }] });

  it('refuses globs over the length or wildcard limit, and extglobs, naming where', () => {
    for (const [glob, message] of [
      ['/a'.repeat(200), /characters; the limit is 256/],
      ['/*'.repeat(17), /17 wildcards; the limit is 16/],
      ['/+(a|aa)+(a|aa)x', /extglob/],
    ] as const) {
      const error = (() => {
        try {
          loadRules(rule(glob));
        } catch (e) {
          return e as RulesValidationError;
        }
      })();
      expect(error).toBeInstanceOf(RulesValidationError);
      expect(error?.problems).toEqual([
        expect.objectContaining({ pointer: '/rules/0/match/path', message: expect.stringMatching(message) }),
      ]);
    }
  });

  it('refuses a document over 1 MiB before parsing it', () => {
    expect(() => loadRules(`# ${'x'.repeat(1024 * 1024)}\nrules: []\n`)).toThrow(/the limit is 1048576/);
  });
});
