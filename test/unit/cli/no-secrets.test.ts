import { describe, it, expect, beforeAll } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNTIME_FINDING_TYPES } from '#shared/findings/catalogue';
import { AUTH_LOGS, FINDING_LOGS, findingsFixture, run, type AnalyzeReport } from './run-cli.ts';

/**
 * Every secret or personal value planted in the fixtures, as written in the logs (decoded forms are
 * checked too). Names, counts and templates may reach the output; none of these may.
 */
const SECRETS = [
  'jane.doe%40gmail.com',
  'm.mueller%40web.de',
  'qa.tester%40example.org',
  '4111111111111111',
  '536-22-8714',
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6InNlbGZjYXJlLTIwMjQtMDYifQ',
  'eyJzdWIiOiJzdWItOTE4MjczIiwiaWF0IjoxNzE3Mzk4MDAwLCJleHAiOjE3MTczOTg5MDB9',
  'Qm9ndXNTaWduYXR1cmVGb3JTdXJ2ZXlvclRlc3RzT25seV94WjlrUTJ2TDhuUHQ',
  'AKIAQ4NHCX7RZUPLWM3B',
  'AKIAR7MXW2ZQ5TLNPK4D',
  'hunter2',
  'Sommer2024%21',
  'b3f1c2d4e5a69788b12a34cd56ef7890',
  'ya29.a0AfB_byC3xQm8LkP2vN7wR5tYz1Hj4Gd6Fs9Ue0Io',
  '6f3c2a9be1d84770c5a1e9f02b7d3c8a4e6f1b0d9c2a7e5f3b8d1c4a6e9f0b2d',
];
const FORMS = [...new Set(SECRETS.flatMap((s) => [s, decodeURIComponent(s)]))];

const dir = mkdtempSync(join(tmpdir(), 'surveyor-secrets-'));
const SPEC = findingsFixture('openapi.yaml');
const RULES = findingsFixture('rules.yaml');
const LOGS = [...FINDING_LOGS, ...AUTH_LOGS];

function leaked(text: string): string[] {
  return FORMS.filter((secret) => text.includes(secret));
}

describe('no secret from the logs reaches any output', () => {
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    const analyze = ['analyze', '--spec', SPEC, '--rules', RULES];
    const [json, table] = await Promise.all([
      run([...analyze, '--json', '--openapi', join(dir, 'inventory.yaml'), ...LOGS]),
      run([...analyze, '--openapi', join(dir, 'inventory.json'), ...LOGS]),
    ]);
    expect(json.code).toBe(0);
    expect(table.code).toBe(0);
    Object.assign(outputs, {
      'json stdout': json.stdout,
      'json stderr': json.stderr,
      'table stdout': table.stdout,
      'table stderr': table.stderr,
      'openapi yaml': readFileSync(join(dir, 'inventory.yaml'), 'utf8'),
      'openapi json': readFileSync(join(dir, 'inventory.json'), 'utf8'),
    });
    // Every finding type the report holds, exported both ways where the type allows it.
    const types = [...new Set((JSON.parse(json.stdout) as AnalyzeReport).findings.map((f) => f.type))];
    await Promise.all(
      types.map(async (type) => {
        const name = type.replace(/[^a-z0-9-]/g, '_');
        const waf = join(dir, `${name}.waf.json`);
        const policy = join(dir, `${name}.apigw.json`);
        // Host-based findings have no resource policy (tested in findings.test.ts).
        const both = type !== 'non-production-host';
        const flags = ['--policy', type, '--waf', waf, ...(both ? ['--apigw-policy', policy] : [])];
        const result = await run([...analyze, ...flags, ...LOGS]);
        expect(result.code).toBe(0);
        outputs[`${type} waf`] = readFileSync(waf, 'utf8') + result.stdout + result.stderr;
        if (both) outputs[`${type} apigw`] = readFileSync(policy, 'utf8');
      }),
    );
  }, 240_000);

  it('plants every listed secret in the fixtures', () => {
    const fixtures = LOGS.map((f) => readFileSync(f, 'utf8')).join('\n');

    for (const secret of SECRETS) expect(fixtures).toContain(secret);
  });

  it('still reports what the secrets were, by type only', () => {
    const report = JSON.parse(outputs['json stdout']!) as AnalyzeReport;
    const types = new Set(report.endpoints.flatMap((e) => e.classification.sensitive));

    expect([...types].sort()).toEqual(['aws-access-key', 'card', 'email', 'jwt', 'password-param', 'ssn']);
    expect(report.quarantined).toBe(2);
  });

  it('exports policies for every finding type it reports', () => {
    const report = JSON.parse(outputs['json stdout']!) as AnalyzeReport;
    const types = [...new Set(report.findings.map((f) => f.type))].sort();
    const exported = (suffix: string) =>
      Object.keys(outputs)
        .filter((k) => k.endsWith(suffix))
        .map((k) => k.slice(0, -suffix.length))
        .sort();

    expect(types).toEqual(expect.arrayContaining([...RUNTIME_FINDING_TYPES]));
    expect(exported(' waf')).toEqual(types);
    expect(exported(' apigw')).toEqual(types.filter((t) => t !== 'non-production-host'));
  });

  it('keeps them out of stdout, stderr, the OpenAPI export and every policy file', () => {
    const leaks = Object.entries(outputs).flatMap(([output, text]) =>
      leaked(text).map((secret) => `${output}: ${secret}`),
    );

    expect(leaks).toEqual([]);
  });
});
