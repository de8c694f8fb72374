import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadRulesFile } from '#shared/rules/load-rules';
import { evaluateRules } from '#shared/findings/evaluators/custom-rules';
import type { EndpointFacts } from '#shared/findings/endpoint-facts';

const rules = await loadRulesFile(join(import.meta.dirname, '../../events/rules/billing.json'));

function endpoint(overrides: Partial<EndpointFacts>): EndpointFacts {
  return {
    host: 'pay.example.com',
    method: 'GET',
    path: '/',
    calls: 1,
    firstSeen: '2024-05-01T00:00:00.000Z',
    lastSeen: '2024-05-02T00:00:00.000Z',
    ...overrides,
  };
}

function typesFor(e: EndpointFacts): string[] {
  return evaluateRules(rules, [e]).map((f) => f.type);
}

describe('evaluateRules', () => {
  it('matches when every criterion holds and names the rule in the finding type', () => {
    const findings = evaluateRules(rules, [
      endpoint({ method: 'POST', path: '/billing/{id}/charge', exposure: 'external', calls: 7 }),
    ]);

    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      type: 'custom:no-post-on-billing',
      severity: 'high',
      category: 'Billing writes from outside',
      occurrences: 7,
    });
  });

  it('does not match when one criterion fails', () => {
    expect(typesFor(endpoint({ method: 'GET', path: '/billing/x', exposure: 'external' }))).toEqual([]);
    expect(typesFor(endpoint({ method: 'POST', path: '/billing/x', exposure: 'internal' }))).toEqual([]);
    expect(
      typesFor(endpoint({ host: 'pay.other.com', method: 'POST', path: '/billing/x', exposure: 'external' })),
    ).toEqual([]);
  });

  it('matches status classes against codes or classes, and respects minCalls', () => {
    const base = { countries: { RU: 10, DE: 200 }, calls: 210 };

    expect(typesFor(endpoint({ ...base, statusCodes: { '200': 200, '503': 10 } }))).toEqual([
      'custom:russian-5xx',
    ]);
    expect(typesFor(endpoint({ ...base, statusClasses: ['2xx', '5xx'] }))).toEqual(['custom:russian-5xx']);
    expect(typesFor(endpoint({ ...base, statusCodes: { '200': 210 } }))).toEqual([]);
    expect(typesFor(endpoint({ ...base, calls: 99, statusCodes: { '500': 99 } }))).toEqual([]);
  });

  it('compares ASNs in any spelling and environments case-insensitively', () => {
    const e = endpoint({
      environment: 'DEV',
      sensitive: ['email'],
      authSchemes: { none: 3 },
      asns: ['16509'],
    });

    expect(typesFor(e)).toEqual(['custom:dev-email']);
  });

  const facts = fc.record({
    host: fc.oneof(fc.domain(), fc.string()),
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'DELETE'), fc.string()),
    path: fc.string(),
    calls: fc.nat(),
    firstSeen: fc.constant('2024-05-01T00:00:00.000Z'),
    lastSeen: fc.constant('2024-05-01T00:00:00.000Z'),
    statusCodes: fc.option(fc.dictionary(fc.string({ maxLength: 4 }), fc.nat()), { nil: undefined }),
    countries: fc.option(fc.array(fc.string({ maxLength: 3 })), { nil: undefined }),
    asns: fc.option(fc.array(fc.string({ maxLength: 8 })), { nil: undefined }),
    sensitive: fc.option(fc.array(fc.string()), { nil: undefined }),
    environment: fc.option(fc.string(), { nil: undefined }),
    exposure: fc.option(fc.constantFrom('internal' as const, 'external' as const), { nil: undefined }),
  });

  it('never throws and only emits custom findings for known rules (property)', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 10 }), (endpoints) => {
        const findings = evaluateRules(rules, endpoints);

        const ids = new Set(rules.map((r) => `custom:${r.rule.id}`));
        expect(findings.every((f) => ids.has(f.type))).toBe(true);
        expect(findings.length).toBeLessThanOrEqual(endpoints.length * rules.length);
      }),
    );
  });
});
