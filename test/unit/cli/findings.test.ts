import { describe, it, expect, beforeAll } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RUNTIME_FINDING_TYPES, CATALOGUE, isBuiltInType } from '#shared/findings/catalogue';
import type { ResourcePolicy } from '#shared/policy/export-apigw-policy';
import type { WafRuleGroup } from '#shared/policy/export-waf';
import { validateEndpointSummary } from '#events/validate';
import {
  AUTH_LOGS,
  FINDING_LOGS,
  findingsFixture,
  run,
  type AnalyzeReport,
  type Endpoint,
  type Finding,
} from './run-cli.ts';
import { leafKinds, matchingRules } from './waf-match.ts';
import { awsWafLimitViolations } from '../policy/aws-waf-limits.ts';

const dir = mkdtempSync(join(tmpdir(), 'surveyor-findings-'));
const SPEC = findingsFixture('openapi.yaml');
const RULES = findingsFixture('rules.yaml');
const rulesDocument = parse(readFileSync(RULES, 'utf8')) as {
  settings: { expectedCountries: string[] };
  rules: { id: string; severity: string; category: string }[];
};

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** The severity a finding of `type` must carry: the catalogue's, or the custom rule's own. */
function severityOf(type: string): string {
  if (isBuiltInType(type)) return CATALOGUE[type].severity;
  return rulesDocument.rules.find((r) => `custom:${r.id}` === type)!.severity;
}

describe('surveyor analyze on the findings fixtures', () => {
  let report: AnalyzeReport;
  const findingsAt = (host: string, method: string, path: string): Finding[] =>
    report.findings.filter((f) => f.host === host && f.method === method && f.path === path);
  const endpointAt = (host: string, method: string, path: string): Endpoint => {
    const found = report.endpoints.find((e) => e.host === host && e.method === method && e.path === path);
    if (found === undefined) throw new Error(`no endpoint ${host} ${method} ${path}`);
    return found;
  };

  beforeAll(async () => {
    const { code, stdout } = await run([
      'analyze',
      '--json',
      '--spec',
      SPEC,
      '--rules',
      RULES,
      ...FINDING_LOGS,
    ]);
    expect(code).toBe(0);
    report = JSON.parse(stdout) as AnalyzeReport;
  });

  it('reads every line and quarantines only the failed handshake and the cut-off line', () => {
    const lines = FINDING_LOGS.map(
      (f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((l) => l !== '').length,
    );

    expect(report.lines).toBe(lines.reduce((a, b) => a + b, 0));
    expect(report.quarantined).toBe(2);
    for (const e of report.endpoints) expect(validateEndpointSummary(e)).toBe(true);
  });

  it('produces every runtime finding type and at least two custom rule types', () => {
    const types = new Set(report.findings.map((f) => f.type));

    for (const type of RUNTIME_FINDING_TYPES) expect(types).toContain(type);
    const custom = [...types].filter((t) => t.startsWith('custom:')).sort();
    expect(custom).toEqual(rulesDocument.rules.map((r) => `custom:${r.id}`).sort());
    expect(custom.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['shadow-endpoint', 'api.example.com', 'GET', '/v1/internal/debug/config'],
    ['zombie-endpoint', 'api.example.com', 'GET', '/v1/subscribers/{id}/sim'],
    ['method-not-in-spec', 'api.example.com', 'POST', '/v1/subscribers/{id}'],
    ['undocumented-status', 'api.example.com', 'GET', '/v1/subscribers'],
    ['unused-endpoint', 'api.example.com', 'GET', '/v1/plans'],
    ['sensitive-data-in-url', 'selfcare.example.com', 'GET', '/api/customers/search'],
    ['sensitive-data-in-url', 'partners.example.com', 'GET', '/v1/sessions/{token}/refresh'],
    ['unauthenticated-endpoint', 'partners.example.com', 'GET', '/v1/admin/users'],
    ['unauthenticated-endpoint', 'partners.example.com', 'DELETE', '/v1/carts/{cartId}'],
    ['weak-auth', 'selfcare.example.com', 'POST', '/api/login'],
    ['weak-auth', 'selfcare.example.com', 'GET', '/api/tariffs'],
    ['non-production-host', 'api-staging.example.com', 'GET', '/v1/subscribers/{id}'],
    ['non-production-host', 'events-dev.example.com', 'POST', '/events'],
    ['unusual-geography', 'api.example.com', 'GET', '/v1/subscribers/{id}/usage'],
    ['custom:subscriber-writes-from-internet', 'api.example.com', 'POST', '/v1/subscribers/{id}'],
    ['custom:pii-outside-production', 'api-staging.example.com', 'GET', '/v1/subscribers/search'],
    ['custom:partner-errors', 'partners.example.com', 'GET', '/v1/orders/{orderId}/invoice'],
  ])('flags %s on %s %s %s with its severity', (type, host, method, path) => {
    const finding = findingsAt(host, method, path).find((f) => f.type === type);

    expect(finding).toMatchObject({ severity: severityOf(type), subject: `${host} ${method} ${path}` });
  });

  it('judges the telecom case: POST accepted on a path the spec documents for GET only', () => {
    const [finding] = findingsAt('api.example.com', 'POST', '/v1/subscribers/{id}').filter(
      (f) => f.type === 'method-not-in-spec',
    );

    expect(finding?.evidence).toMatchObject({
      documentedMethods: ['GET'],
      specPath: '/subscribers/{msisdn}',
      acceptedStatuses: ['2xx'],
    });
    expect(finding?.occurrences).toBe(2);
  });

  it('reports only the status classes actually returned as undocumented', () => {
    const undocumented = report.findings.filter((f) => f.type === 'undocumented-status');

    expect(undocumented.map((f) => [f.path, f.evidence.undocumentedStatuses])).toEqual([
      ['/v1/subscribers', ['5xx']],
    ]);
  });

  it('names the unused operation with the base path of the spec', () => {
    const unused = report.findings.filter((f) => f.type === 'unused-endpoint');

    expect(unused.map((f) => f.subject)).toEqual(['api.example.com GET /v1/plans']);
    expect(unused[0]?.evidence).toMatchObject({ operationId: 'listPlans', deprecated: false });
  });

  it.each([
    ['email', 'selfcare.example.com', 'GET', '/api/customers/search'],
    ['card', 'selfcare.example.com', 'POST', '/api/payments/verify'],
    ['ssn', 'selfcare.example.com', 'GET', '/api/identity/check'],
    ['jwt', 'selfcare.example.com', 'GET', '/api/sessions/{jwt}/refresh'],
    ['jwt', 'partners.example.com', 'GET', '/v1/sessions/{token}/refresh'],
    ['aws-access-key', 'selfcare.example.com', 'GET', '/api/exports/monthly'],
    ['password-param', 'selfcare.example.com', 'POST', '/api/login'],
    ['password-param', 'selfcare.example.com', 'GET', '/api/invoices/{id}'],
    ['email', 'api-staging.example.com', 'GET', '/v1/subscribers/search'],
  ])('finds %s in the URLs of %s %s %s', (dataType, host, method, path) => {
    const finding = findingsAt(host, method, path).find((f) => f.type === 'sensitive-data-in-url');

    expect(finding?.evidence.dataTypes).toEqual([dataType]);
    expect(endpointAt(host, method, path).classification.sensitive).toEqual([dataType]);
  });

  it('gives weak-auth the reason: credentials in the query, TLS below 1.2', () => {
    const weak = report.findings.filter((f) => f.type === 'weak-auth');

    expect(weak.map((f) => [f.host, f.method, f.path, f.evidence])).toEqual([
      [
        'selfcare.example.com',
        'GET',
        '/api/invoices/{id}',
        { reasons: ['credential-in-query'], weakTlsProtocols: [] },
      ],
      [
        'selfcare.example.com',
        'POST',
        '/api/login',
        { reasons: ['credential-in-query'], weakTlsProtocols: [] },
      ],
      [
        'selfcare.example.com',
        'GET',
        '/api/tariffs',
        { reasons: ['tls-below-1.2'], weakTlsProtocols: ['TLSv1', 'TLSv1.1'] },
      ],
    ]);
  });

  it('flags unauthenticated sensitive or mutating routes, not refused calls or harmless ones', () => {
    const unauthenticated = report.findings
      .filter((f) => f.type === 'unauthenticated-endpoint')
      .map((f) => [f.method, f.path, f.evidence.mutating]);

    expect(unauthenticated).toEqual([
      ['GET', '/v1/admin/users', false],
      ['DELETE', '/v1/carts/{cartId}', true],
    ]);
    // Both endpoints below were called without authentication too.
    expect(endpointAt('partners.example.com', 'GET', '/v1/accounts/{accountId}').classification.auth).toEqual(
      ['none'],
    );
    expect(endpointAt('partners.example.com', 'GET', '/v1/catalog/items').classification.auth).toEqual([
      'none',
    ]);
  });

  it('flags non-production hosts called from outside, not the internal-only dev host', () => {
    const nonProd = report.findings
      .filter((f) => f.type === 'non-production-host')
      .map((f) => `${f.host} ${String(f.evidence.environment)}`);

    expect([...new Set(nonProd)].sort()).toEqual([
      'api-canary.example.com canary',
      'api-staging.example.com staging',
      'events-dev.example.com dev',
    ]);
    expect(endpointAt('dev-selfcare.example.com', 'GET', '/api/tariffs').classification).toMatchObject({
      exposure: 'internal',
      environment: 'dev',
    });
  });

  it('flags callers outside the expected countries, naming those countries only', () => {
    const expected = new Set(rulesDocument.settings.expectedCountries);
    const geography = report.findings.filter((f) => f.type === 'unusual-geography');

    expect(geography.map((f) => [f.subject, f.evidence.unexpectedCountries])).toEqual([
      ['api.example.com GET /v1/internal/debug/config', ['RU']],
      ['api.example.com GET /v1/subscribers/{id}/usage', ['BR', 'NG', 'RU']],
      ['events-dev.example.com POST /events', ['RU']],
      ['partners.example.com GET /v1/admin/users', ['BR']],
    ]);
    for (const f of geography)
      for (const c of f.evidence.unexpectedCountries as string[]) expect(expected.has(c)).toBe(false);
  });

  it('matches custom rules on exactly the endpoints their criteria select', () => {
    const custom = report.findings
      .filter((f) => f.type.startsWith('custom:'))
      .map((f) => [f.type, f.subject, f.category]);
    const category = (id: string) => rulesDocument.rules.find((r) => r.id === id)!.category;

    expect(custom).toEqual([
      [
        'custom:subscriber-writes-from-internet',
        'api.example.com POST /v1/subscribers/{id}',
        category('subscriber-writes-from-internet'),
      ],
      [
        'custom:pii-outside-production',
        'api-staging.example.com GET /v1/subscribers/search',
        category('pii-outside-production'),
      ],
      // Only the endpoint that returned a 5xx: the others' 5xx count is zero.
      [
        'custom:partner-errors',
        'partners.example.com GET /v1/orders/{orderId}/invoice',
        category('partner-errors'),
      ],
    ]);
  });

  it('leaves a documented, well-behaved endpoint without findings', () => {
    expect(findingsAt('api.example.com', 'GET', '/v1/subscribers/{id}')).toEqual([]);
  });

  it.each<[string, string, string, Partial<Endpoint['classification']>]>([
    [
      'api.example.com',
      'GET',
      '/v1/subscribers/{id}',
      {
        auth: ['unknown'],
        exposure: 'external',
        environment: 'production',
        countries: ['DE'],
        spec: 'documented',
      },
    ],
    ['api.example.com', 'POST', '/v1/subscribers/{id}', { spec: 'method-not-in-spec' }],
    ['api.example.com', 'GET', '/v1/subscribers/{id}/sim', { spec: 'zombie' }],
    ['api.example.com', 'GET', '/v1/internal/debug/config', { spec: 'shadow', countries: ['DE', 'RU'] }],
    [
      'api.example.com',
      'GET',
      '/v1/subscribers/{id}/usage',
      { countries: ['BR', 'DE', 'NG', 'RU'], asns: ['AS13238', 'AS22548', 'AS3320', 'AS37148'] },
    ],
    [
      'api-staging.example.com',
      'GET',
      '/v1/subscribers/{id}',
      { exposure: 'external', environment: 'staging' },
    ],
    ['api-canary.example.com', 'GET', '/v1/subscribers/{id}', { environment: 'canary' }],
    ['dev-selfcare.example.com', 'GET', '/api/tariffs', { exposure: 'internal', countries: [], asns: [] }],
    ['partners.example.com', 'GET', '/v1/admin/users', { auth: ['none'], countries: ['BR', 'DE'] }],
    ['partners.example.com', 'POST', '/v1/orders', { auth: ['api-key'], environment: 'production' }],
    ['partners.example.com', 'GET', '/v1/orders/{orderId}', { auth: ['lambda-authorizer'] }],
    [
      'events-dev.example.com',
      'POST',
      '/events',
      { auth: ['jwt'], environment: 'dev', countries: ['DE', 'RU'] },
    ],
    [
      'selfcare.example.com',
      'POST',
      '/api/login',
      { auth: ['credential-in-query'], sensitive: ['password-param'] },
    ],
    ['selfcare.example.com', 'POST', '/api/payments/verify', { sensitive: ['card'] }],
  ])('classifies %s %s %s', (host, method, path, expected) => {
    expect(endpointAt(host, method, path).classification).toMatchObject(expected);
  });

  it('marks no endpoint against the spec on hosts the spec does not cover', () => {
    const judged = report.endpoints.filter((e) => e.classification.spec !== undefined);

    expect(new Set(judged.map((e) => e.host))).toEqual(new Set(['api.example.com']));
  });
});

describe('surveyor analyze on the auth-scheme fixtures', () => {
  let report: AnalyzeReport;

  beforeAll(async () => {
    const { code, stdout } = await run(['analyze', '--json', '--no-geo', ...AUTH_LOGS]);
    expect(code).toBe(0);
    report = JSON.parse(stdout) as AnalyzeReport;
  });

  it.each([
    ['none', 'b2b.example.com', 'GET', '/v1/status'],
    ['api-key', 'b2b.example.com', 'GET', '/v1/catalog'],
    ['jwt', 'api-v2.example.com', 'GET', '/v2/me/invoices'],
    ['cognito', 'b2b.example.com', 'GET', '/v1/me/contracts'],
    ['lambda-authorizer', 'b2b.example.com', 'GET', '/v1/orders/{orderId}'],
    ['iam-sigv4', 'b2b.example.com', 'GET', '/v1/usage-reports'],
    ['mtls', 'b2b.example.com', 'POST', '/v1/settlements'],
    ['oidc', 'portal.example.com', 'GET', '/dashboard'],
    ['credential-in-query', 'portal.example.com', 'GET', '/api/reports/{id}/download'],
    ['iam-sigv4', 'portal.example.com', 'GET', '/exports/{id}.csv'],
    ['unknown', 'portal.example.com', 'GET', '/health'],
  ])('shows %s on %s %s %s', (scheme, host, method, path) => {
    const endpoint = report.endpoints.find((e) => e.host === host && e.method === method && e.path === path);

    expect(endpoint?.classification.auth).toEqual([scheme]);
    expect(Object.keys(endpoint?.auth ?? {})).toEqual([scheme]);
  });

  it('counts a refused API key call as api-key, from its error type', () => {
    const catalog = report.endpoints.find((e) => e.path === '/v1/catalog');

    expect(catalog?.auth).toEqual({ 'api-key': 2 });
  });

  it('calls only the query credential weak: a presigned SigV4 URL and OIDC are not', () => {
    const weak = report.findings.filter((f) => f.type === 'weak-auth').map((f) => f.subject);

    expect(weak).toEqual(['portal.example.com GET /api/reports/{id}/download']);
  });

  it('counts the load balancer health check as internal', () => {
    const health = report.endpoints.find((e) => e.path === '/health');

    expect(health?.classification.exposure).toBe('internal');
  });
});

describe('surveyor analyze policy export', () => {
  const out = (name: string) => join(dir, name);

  it('writes a WAF rule group for a custom rule that blocks exactly the flagged endpoint', async () => {
    const { code } = await run([
      'analyze',
      '--spec',
      SPEC,
      '--rules',
      RULES,
      '--policy',
      'custom:subscriber-writes-from-internet',
      '--waf',
      out('custom.json'),
      ...FINDING_LOGS,
    ]);
    expect(code).toBe(0);
    const group = readJson<WafRuleGroup>(out('custom.json'));

    expect(group.Rules.length).toBeGreaterThan(0);
    expect(awsWafLimitViolations(group)).toEqual([]);
    expect(leafKinds(group)).toEqual(['RegexMatchStatement']);
    expect(group.Rules.every((r) => 'Block' in r.Action)).toBe(true);
    const request = { host: 'api.example.com', method: 'POST', path: '/v1/subscribers/7340120' };
    expect(matchingRules(group, request)).toHaveLength(1);
    expect(matchingRules(group, { ...request, method: 'GET' })).toEqual([]);
    expect(matchingRules(group, { ...request, path: '/v1/subscribers/7340120/sim' })).toEqual([]);
    expect(matchingRules(group, { ...request, host: 'api-staging.example.com' })).toEqual([]);
  });

  it('writes a WAF rule group from the spec that counts methods it does not document', async () => {
    const { code } = await run([
      'analyze',
      '--spec',
      SPEC,
      '--policy',
      'method-not-in-spec',
      '--waf',
      out('methods.json'),
      FINDING_LOGS[0]!,
    ]);
    expect(code).toBe(0);
    const group = readJson<WafRuleGroup>(out('methods.json'));

    expect(awsWafLimitViolations(group)).toEqual([]);
    expect(leafKinds(group)).toEqual(['RegexMatchStatement']);
    expect(group.Rules.every((r) => 'Count' in r.Action)).toBe(true);
    const at = (method: string, path: string) =>
      matchingRules(group, { host: 'api.example.com', method, path }).length > 0;
    expect(at('POST', '/v1/subscribers/7340120')).toBe(true);
    expect(at('DELETE', '/v1/plans')).toBe(true);
    expect(at('GET', '/v1/subscribers/7340120')).toBe(false);
    expect(at('HEAD', '/v1/subscribers/7340120/usage')).toBe(false);
    expect(at('OPTIONS', '/v1/subscribers')).toBe(false);
    expect(at('POST', '/v1/internal/debug/config')).toBe(false);
  });

  it('writes an API Gateway resource policy denying the unauthenticated routes', async () => {
    const { code } = await run([
      'analyze',
      '--policy',
      'unauthenticated-endpoint',
      '--apigw-policy',
      out('apigw.json'),
      ...FINDING_LOGS,
    ]);
    expect(code).toBe(0);
    const policy = readJson<ResourcePolicy>(out('apigw.json'));

    const deny = policy.Statement.find((s) => s.Effect === 'Deny');
    expect(deny).toMatchObject({ Action: 'execute-api:Invoke', Principal: '*' });
    expect(deny?.Resource).toEqual(['execute-api:/*/DELETE/v1/carts/*', 'execute-api:/*/GET/v1/admin/users']);
    for (const resource of deny!.Resource) expect(resource).toMatch(/^execute-api:\/\*\/[A-Z]+\//);
  });

  it('refuses a resource policy for host-based findings and an export with nothing to export', async () => {
    const hosts = await run([
      'analyze',
      '--rules',
      RULES,
      '--policy',
      'non-production-host',
      '--apigw-policy',
      out('nonprod.json'),
      ...FINDING_LOGS,
    ]);
    const none = await run([
      'analyze',
      '--policy',
      'custom:no-such-rule',
      '--waf',
      out('none.json'),
      ...FINDING_LOGS,
    ]);

    expect(hosts.code).not.toBe(0);
    expect(hosts.stderr).toMatch(/non-production-host matches host names: use the WAF export/);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/no custom:no-such-rule findings to export/);
  });

  it('fails on a bad rules file naming each problem by JSON pointer and line', async () => {
    const file = findingsFixture('rules-invalid.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;

    const { code, stdout, stderr } = await run(['analyze', '--json', '--rules', file, ...FINDING_LOGS]);

    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('invalid risk rules');
    expect(stderr).toContain(`/settings/expectedCountries/1, line ${lineOf('expectedCountries')}`);
    expect(stderr).toContain(`/rules/0/severity, line ${lineOf('severity: urgent')}`);
  });
});
