import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { evaluateBuiltInRisks, looksSensitive } from '#shared/findings/evaluators/built-in-risks';
import { isNonProductionHost } from '#shared/classify/environment';
import { BUILT_IN_FINDING_TYPES, CATALOGUE } from '#shared/findings/catalogue';
import type { EndpointFacts } from '#shared/findings/endpoint-facts';

function endpoint(overrides: Partial<EndpointFacts>): EndpointFacts {
  return {
    host: 'api.example.com',
    method: 'GET',
    path: '/status',
    calls: 10,
    firstSeen: '2024-05-01T00:00:00.000Z',
    lastSeen: '2024-05-02T00:00:00.000Z',
    ...overrides,
  };
}

const typesOf = (e: EndpointFacts, settings = {}) => evaluateBuiltInRisks([e], settings).map((f) => f.type);

describe('evaluateBuiltInRisks', () => {
  it('flags sensitive data types seen in the URL, naming the types only', () => {
    const [finding] = evaluateBuiltInRisks([endpoint({ sensitive: ['email'] })]);

    expect(finding).toMatchObject({ type: 'sensitive-data-in-url', evidence: { dataTypes: ['email'] } });
  });

  it('flags unauthenticated calls to state-changing or sensitive endpoints only', () => {
    expect(typesOf(endpoint({ method: 'DELETE', path: '/things/{id}', authSchemes: { none: 4 } }))).toEqual([
      'unauthenticated-endpoint',
    ]);
    expect(typesOf(endpoint({ path: '/admin/settings', auth: ['none'] }))).toEqual([
      'unauthenticated-endpoint',
    ]);
    expect(typesOf(endpoint({ path: '/status', auth: ['none'] }))).toEqual([]);
    expect(typesOf(endpoint({ method: 'POST', path: '/orders', auth: ['jwt'] }))).toEqual([]);
  });

  it('does not flag unauthenticated calls that were all refused', () => {
    const refused = endpoint({ method: 'POST', path: '/users', auth: ['none'], statusCodes: { '401': 9 } });

    expect(typesOf(refused)).toEqual([]);
  });

  it('flags basic auth, credentials in the query and TLS below 1.2 as weak', () => {
    const [finding] = evaluateBuiltInRisks([
      endpoint({
        authSchemes: { basic: 2, 'credential-in-query': 1 },
        tlsProtocols: { TLSv1: 3, 'TLSv1.2': 7 },
      }),
    ]);

    expect(finding?.type).toBe('weak-auth');
    expect(finding?.evidence).toMatchObject({
      reasons: ['basic', 'credential-in-query', 'tls-below-1.2'],
      weakTlsProtocols: ['TLSv1'],
    });
  });

  it('flags externally reached non-production hosts, by classification or host name', () => {
    expect(typesOf(endpoint({ exposure: 'external', environment: 'staging' }))).toEqual([
      'non-production-host',
    ]);
    expect(typesOf(endpoint({ exposure: 'external', host: 'api-dev.example.com' }))).toEqual([
      'non-production-host',
    ]);
    expect(typesOf(endpoint({ exposure: 'internal', environment: 'dev' }))).toEqual([]);
    expect(
      typesOf(endpoint({ exposure: 'external', environment: 'production', host: 'dev.example.com' })),
    ).toEqual([]);
  });

  it('flags countries and ASNs outside the expected sets, and judges nothing without settings', () => {
    const e = endpoint({ countries: { DE: 90, RU: 8, CN: 2 }, asns: { AS3320: 90, '16509': 10 } });

    const [finding] = evaluateBuiltInRisks([e], { expectedCountries: ['de'], expectedAsns: [3320] });

    expect(finding?.evidence).toMatchObject({
      unexpectedCountries: ['RU', 'CN'],
      unexpectedAsns: ['16509'],
      unexpectedCalls: 20,
    });
    expect(typesOf(e)).toEqual([]);
  });

  it('uses the catalogue severity for every built-in finding', () => {
    const all = endpoint({
      method: 'POST',
      sensitive: ['jwt'],
      auth: ['none', 'basic'],
      exposure: 'external',
      environment: 'dev',
      countries: ['KP'],
    });

    const findings = evaluateBuiltInRisks([all], { expectedCountries: ['US'] });

    expect(findings.map((f) => f.type).sort()).toEqual(
      [
        'non-production-host',
        'sensitive-data-in-url',
        'unauthenticated-endpoint',
        'unusual-geography',
        'weak-auth',
      ].sort(),
    );
    for (const f of findings) expect(f.severity).toBe(CATALOGUE[f.type as keyof typeof CATALOGUE].severity);
  });

  it('tells non-production host labels from words that merely contain them', () => {
    expect(isNonProductionHost('api.staging.example.com')).toBe(true);
    expect(isNonProductionHost('uat-payments.example.com')).toBe(true);
    expect(isNonProductionHost('devices.example.com')).toBe(false);
    expect(isNonProductionHost('latest.example.com')).toBe(false);
    expect(looksSensitive('GET', '/administrative-areas')).toBe(false);
  });

  it('never throws on arbitrary facts and emits only built-in types (property)', () => {
    const tally = fc.option(fc.oneof(fc.array(fc.string()), fc.dictionary(fc.string(), fc.nat())), {
      nil: undefined,
    });
    const facts = fc.record({
      host: fc.string(),
      method: fc.string(),
      path: fc.string(),
      calls: fc.nat(),
      firstSeen: fc.constant('2024-05-01T00:00:00.000Z'),
      lastSeen: fc.constant('2024-05-01T00:00:00.000Z'),
      statusCodes: tally,
      authSchemes: tally,
      countries: tally,
      asns: tally,
      tlsProtocols: tally,
      sensitive: fc.option(fc.array(fc.string()), { nil: undefined }),
      environment: fc.option(fc.string(), { nil: undefined }),
      exposure: fc.option(fc.constantFrom('internal' as const, 'external' as const), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(facts, { maxLength: 5 }),
        fc.array(fc.string({ maxLength: 2 })),
        (endpoints, countries) => {
          const findings = evaluateBuiltInRisks(endpoints, { expectedCountries: countries });

          expect(findings.every((f) => (BUILT_IN_FINDING_TYPES as readonly string[]).includes(f.type))).toBe(
            true,
          );
        },
      ),
    );
  });
});

describe('CATALOGUE', () => {
  it('has a title, description and remediation for every built-in type, keyed by its own name', () => {
    for (const type of BUILT_IN_FINDING_TYPES) {
      const entry = CATALOGUE[type];
      expect(entry.type).toBe(type);
      expect(entry.title.length).toBeGreaterThan(10);
      expect(entry.description.length).toBeGreaterThan(50);
      expect(entry.remediation.length).toBeGreaterThan(50);
    }
    expect(CATALOGUE['unused-endpoint'].severity).toBe('info');
  });
});
