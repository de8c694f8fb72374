/**
 * Robustness of every detector that sees raw log content: on arbitrary input they answer within their
 * documented range and never throw (a throw would lose a whole batch of calls or a whole assessment).
 * detectSensitive has its own properties in sensitive.property.test.ts.
 */
import { describe, it, expect } from '@jest/globals';
import { validateApiCall } from '#events/validate';
import fc from 'fast-check';
import { AUTH_SCHEMES, type ApiCall } from '#events/api-call.schema';
import { inferAuthScheme, weakAuth, WEAK_AUTH_REASONS } from '#shared/logs/auth-scheme';
import { createCallClassifier } from '#shared/classify/call-classifier';
import { classifyEnvironment, createEnvironmentClassifier } from '#shared/classify/environment';
import { createGeoLookup } from '#shared/classify/geo';
import { classifyAddress, classifyHostExposure } from '#shared/classify/network';
import { BUILT_IN_FINDING_TYPES } from '#shared/findings/catalogue';
import type { EndpointFacts } from '#shared/findings/endpoint-facts';
import { evaluateBuiltInRisks } from '#shared/findings/evaluators/built-in-risks';
import { parseAlbLine } from '#shared/logs/alb';
import { parseApiGatewayLine } from '#shared/logs/apigw';
import { parseClfLine } from '#shared/logs/apigw-clf';
import type { ParseOutcome } from '#shared/logs/parse-outcome';
import { evaluateRules } from '#shared/findings/evaluators/custom-rules';
import { loadRules } from '#shared/rules/load-rules';
import { checkConformance } from '#shared/findings/evaluators/spec-conformance';
import { HTTP_METHODS, type SpecModel } from '#shared/openapi/spec-model';
import { fixtureLines } from '../logs/fixtures.ts';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom(...'/?&=%.:-_@[]{} \t"\\AKIAeyJ0123456789') }),
);
const method = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), text);
const segment = fc.oneof(
  fc.constantFrom('users', 'admin', '{id}', '{proxy+}', 'v1', '', '..', '%2F', 'orders', 'me'),
  text,
);
const path = fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`);
const host = fc.oneof(
  fc.constantFrom(
    'api.example.com',
    'api-staging.example.com',
    'internal-x.elb.amazonaws.com',
    '10.0.0.1',
    '',
  ),
  fc.domain(),
  text,
);
const ip = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV4().map((a) => `::ffff:${a}`),
  fc.ipV6().map((a) => `[${a}]`),
  fc.tuple(fc.ipV4(), fc.nat(70000)).map(([a, port]) => `${a}:${port}`),
  text,
);
const cidr = fc.oneof(
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, bits]) => `${a}/${bits}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([a, bits]) => `${a}/${bits}`),
  fc.ipV4(),
);
const token = fc.stringMatching(/^[a-z0-9]{1,12}$/);
const timestamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const names = (values: fc.Arbitrary<string>) => fc.uniqueArray(values, { maxLength: 6 });
/** Counts per name, or just names: both shapes a Tally may take. */
const tally = (values: fc.Arbitrary<string>) =>
  fc.oneof(fc.dictionary(values, fc.nat(1000), { maxKeys: 6 }), names(values));

const call: fc.Arbitrary<ApiCall> = fc.record(
  {
    source: fc.constantFrom('alb', 'apigw-rest', 'apigw-http', 'apigw-clf'),
    time: timestamp,
    host,
    method,
    path,
    status: fc.integer({ min: 0, max: 999 }),
    queryKeys: fc.array(fc.oneof(text, fc.constantFrom('api_key', 'X-Amz-Signature', 'X-Amz-Credential')), {
      maxLength: 8,
    }),
    authScheme: fc.constantFrom(...AUTH_SCHEMES),
    actions: fc.array(fc.oneof(fc.constantFrom('authenticate', 'forward', 'redirect'), text), {
      maxLength: 4,
    }),
    errorReason: fc.oneof(fc.constantFrom('INVALID_API_KEY', 'AuthInvalidCookie', 'EXPIRED_TOKEN'), text),
    tlsProtocol: fc.oneof(fc.constantFrom('TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'), text),
    transport: fc.oneof(fc.constantFrom('http', 'https', 'h2', 'ws', 'wss', 'grpcs'), text),
    clientIp: ip,
  },
  { requiredKeys: ['source', 'time', 'host', 'method', 'path', 'status'] },
) as fc.Arbitrary<ApiCall>;

const facts: fc.Arbitrary<EndpointFacts> = fc.record(
  {
    host,
    method,
    path,
    calls: fc.nat(1_000_000),
    firstSeen: timestamp,
    lastSeen: timestamp,
    statusCodes: tally(fc.oneof(fc.constantFrom('200', '201', '401', '403', '404', '500', '0'), text)),
    statusClasses: tally(fc.oneof(fc.constantFrom('2xx', '3xx', '4xx', '5xx', 'other'), text)),
    authSchemes: tally(fc.oneof(fc.constantFrom(...AUTH_SCHEMES), text)),
    auth: names(fc.oneof(fc.constantFrom(...AUTH_SCHEMES), text)),
    exposure: fc.constantFrom('internal', 'external'),
    environment: fc.oneof(fc.constantFrom('production', 'prod', 'staging', 'dev'), text),
    sensitive: names(fc.oneof(fc.constantFrom('email', 'card', 'jwt'), text)),
    countries: tally(fc.oneof(fc.constantFrom('DE', 'US', 'RU'), text)),
    asns: tally(fc.oneof(fc.constantFrom('AS16509', '3320', 'as15169'), text)),
    tlsProtocols: tally(fc.oneof(fc.constantFrom('TLSv1', 'TLSv1.1', 'TLSv1.2', 'SSLv3'), text)),
    queryKeys: names(text),
  },
  { requiredKeys: ['host', 'method', 'path', 'calls', 'firstSeen', 'lastSeen'] },
) as fc.Arbitrary<EndpointFacts>;

const settings = fc.record(
  {
    expectedCountries: fc.array(fc.oneof(fc.constantFrom('DE', 'AT'), text), { maxLength: 4 }),
    expectedAsns: fc.array(fc.oneof(fc.nat(), fc.constantFrom('AS3320', '16509'), text), { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

/** A valid risk-rules document: every criterion kind, in any combination, with unique rule ids. */
const criteria = fc
  .record(
    {
      host: fc.oneof(
        fc.constantFrom('*.example.com', 'api.example.com'),
        fc.array(fc.domain(), { minLength: 1 }),
      ),
      path: fc.oneof(
        fc.constantFrom('/v1/**', '/users/*', '**'),
        // Globs a rules document may hold: no extglob, at most 256 characters and 16 wildcards.
        fc.array(
          path.filter(
            (p) => !/[@!+*?]\(/.test(p) && p.length <= 256 && (p.match(/[*?]/g)?.length ?? 0) <= 16,
          ),
          { minLength: 1, maxLength: 3 },
        ),
      ),
      methods: fc.array(fc.constantFrom('GET', 'POST', 'DELETE'), { minLength: 1 }),
      auth: fc.array(fc.constantFrom(...AUTH_SCHEMES), { minLength: 1 }),
      exposure: fc.constantFrom('internal', 'external'),
      environment: fc.array(fc.constantFrom('dev', 'staging', 'production'), { minLength: 1 }),
      countries: fc.array(fc.constantFrom('DE', 'US', 'RU'), { minLength: 1 }),
      asns: fc.array(fc.oneof(fc.nat(), fc.constantFrom('AS16509', '3320')), { minLength: 1 }),
      status: fc.array(fc.constantFrom('200', '404', '5xx', '2XX'), { minLength: 1 }),
      sensitive: fc.array(fc.constantFrom('email', 'card', 'jwt'), { minLength: 1 }),
      minCalls: fc.nat(100),
    },
    { requiredKeys: [] },
  )
  .filter((m) => Object.keys(m).length > 0);
const rules = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/), { minLength: 1, maxLength: 4 })
  .chain((ids) =>
    fc.tuple(...ids.map((id) => criteria.map((match) => ({ id, category: id, severity: 'low', match })))),
  )
  .map((list) => loadRules(JSON.stringify({ rules: list }), 'generated'));

const spec: fc.Arbitrary<SpecModel> = fc.record({
  title: text,
  version: text,
  openapi: fc.constantFrom('2.0', '3.0', '3.1'),
  hosts: fc.array(fc.oneof(fc.constantFrom('api.example.com'), fc.domain()), { maxLength: 2 }),
  basePaths: fc.array(fc.oneof(fc.constantFrom('', '/v1', '/{stage}'), path), { minLength: 1, maxLength: 2 }),
  operations: fc.array(
    fc.record(
      {
        method: fc.constantFrom(...HTTP_METHODS).map((m) => m.toUpperCase()),
        path: fc.oneof(path, fc.constantFrom('/users/{id}', '/reports/{date}.csv', '/a{b}c{d}')),
        operationId: text,
        deprecated: fc.boolean(),
        statuses: fc.array(fc.oneof(fc.constantFrom('200', '2XX', 'default', '404'), text), { maxLength: 4 }),
      },
      { requiredKeys: ['method', 'path', 'deprecated', 'statuses'] },
    ),
    { maxLength: 8 },
  ),
});

describe('auth detectors on arbitrary calls', () => {
  it('inferAuthScheme always answers one of the known schemes', () => {
    fc.assert(
      fc.property(call, fc.option(fc.array(text, { maxLength: 6 }), { nil: undefined }), (c, keys) => {
        expect(AUTH_SCHEMES).toContain(inferAuthScheme(c, keys));
      }),
    );
  });

  it('weakAuth answers distinct known reasons', () => {
    fc.assert(
      fc.property(call, (c) => {
        const reasons = weakAuth(c);
        for (const r of reasons) expect(WEAK_AUTH_REASONS).toContain(r);
        expect(new Set(reasons).size).toBe(reasons.length);
      }),
    );
  });
});

describe('caller and host classifiers on arbitrary text', () => {
  const geo = createGeoLookup();

  it('classifyAddress answers internal or external, with and without tenant CIDRs', () => {
    fc.assert(
      fc.property(ip, fc.array(cidr, { maxLength: 4 }), (address, cidrs) => {
        expect(['internal', 'external']).toContain(classifyAddress(address));
        expect(['internal', 'external']).toContain(classifyAddress(address, cidrs));
      }),
    );
  });

  it('classifyAddress counts every address of a tenant CIDR as internal', () => {
    fc.assert(
      fc.property(fc.ipV4(), (address) => {
        expect(classifyAddress(address, [`${address}/32`])).toBe('internal');
      }),
    );
  });

  it('createCallClassifier().caller gives internal callers no geography and external ones codes', () => {
    const classifier = createCallClassifier({ internalCidrs: ['80.156.86.0/24'] }, geo);
    fc.assert(
      fc.property(fc.option(ip, { nil: undefined }), (clientIp) => {
        const traits = classifier.caller(clientIp === undefined ? {} : { clientIp });
        if (!traits.external) expect(traits).toEqual({ external: false });
        if (traits.country !== undefined) expect(traits.country).toMatch(/^[A-Z]{2}$/);
        if (traits.asn !== undefined) expect(traits.asn).toMatch(/^AS\d+$/);
      }),
      { numRuns: 500 },
    );
  });

  it('createCallClassifier().environment names an environment for any host and token settings', () => {
    fc.assert(
      fc.property(
        fc.record({ nonProductionTokens: names(token), productionTokens: names(token) }),
        host,
        (tokens, h) => {
          const env = createCallClassifier(tokens).environment(h);
          expect(typeof env).toBe('string');
          expect(env.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('classifyEnvironment and createEnvironmentClassifier answer a non-empty name for any host', () => {
    fc.assert(
      fc.property(
        host,
        fc.oneof(names(text), fc.dictionary(text, text, { maxKeys: 4 })),
        names(text),
        (h, extraTokens, ignoredTokens) => {
          expect(classifyEnvironment(h).length).toBeGreaterThan(0);
          const env = createEnvironmentClassifier({ extraTokens, ignoredTokens })(h);
          expect(typeof env).toBe('string');
        },
      ),
    );
  });

  it('classifyHostExposure answers internal or internet-facing for any host', () => {
    fc.assert(
      fc.property(host, (h) => {
        expect(['internal', 'internet-facing']).toContain(classifyHostExposure(h));
      }),
    );
  });
});

describe('finding evaluators on arbitrary endpoint facts', () => {
  it('evaluateBuiltInRisks reports built-in types about the endpoints it was given', () => {
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 5 }), settings, (endpoints, s) => {
        const findings = evaluateBuiltInRisks(endpoints, s);
        const subjects = new Set(endpoints.map((e) => `${e.host} ${e.method} ${e.path}`));
        for (const f of findings) {
          expect(BUILT_IN_FINDING_TYPES).toContain(f.type);
          expect(subjects.has(f.subject)).toBe(true);
        }
        expect(findings.length).toBeLessThanOrEqual(endpoints.length * 5);
      }),
    );
  });

  it('evaluateRules reports only custom:<id> findings of the given rules', () => {
    fc.assert(
      fc.property(rules, fc.array(facts, { maxLength: 5 }), (compiled, endpoints) => {
        const ids = new Set(compiled.map((r) => `custom:${r.rule.id}`));
        const findings = evaluateRules(compiled, endpoints);
        for (const f of findings) expect(ids.has(f.type)).toBe(true);
        expect(findings.length).toBeLessThanOrEqual(compiled.length * endpoints.length);
      }),
    );
  });

  it('checkConformance reports conformance types only, on covered hosts or spec operations', () => {
    const types = [
      'shadow-endpoint',
      'zombie-endpoint',
      'method-not-in-spec',
      'undocumented-status',
      'unused-endpoint',
    ];
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 5 }), fc.array(spec, { maxLength: 2 }), (endpoints, specs) => {
        for (const f of checkConformance(endpoints, specs)) expect(types).toContain(f.type);
      }),
    );
  });
});

/** Lines from the recorded fixtures, cut, spliced and garbled. */
function mutated(lines: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...lines), fc.nat(), fc.nat(), text).map(([line, a, b, insert]) => {
    const from = a % (line.length + 1);
    const to = from + (b % 40);
    return line.slice(0, from) + insert + line.slice(to);
  });
}

function expectOutcome(outcome: ParseOutcome): void {
  if (outcome.ok) {
    expect(outcome.call.method).toMatch(/^[A-Z][A-Z0-9_-]{0,19}$/);
    expect(Number.isInteger(outcome.call.status)).toBe(true);
    // Every accepted call is a valid ApiCall: a non-empty host, bounded fields.
    expect([outcome.call, validateApiCall(outcome.call)]).toEqual([outcome.call, true]);
  } else {
    expect(typeof outcome.reason).toBe('string');
    expect(outcome.reason.length).toBeGreaterThan(0);
  }
}

describe('log parsers on arbitrary lines', () => {
  const alb = [...fixtureLines('alb', 'types.log'), ...fixtureLines('findings', 'alb-public.log')];
  const apigw = [
    ...fixtureLines('apigw', 'rest.json'),
    ...fixtureLines('apigw', 'http.json'),
    ...fixtureLines('findings', 'apigw-rest.json'),
  ];
  const clf = fixtureLines('apigw', 'clf.log');

  it('parseAlbLine returns a call or a reason, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(text, mutated(alb)), (line) => {
        expectOutcome(parseAlbLine(line));
        expectOutcome(parseAlbLine(line, { defaultHost: 'api.example.com' }));
      }),
      { numRuns: 1000 },
    );
  });

  it('parseApiGatewayLine returns a call or a reason, never throws', () => {
    const json = fc
      .dictionary(
        fc.constantFrom(
          'httpMethod',
          'path',
          'status',
          'requestTimeEpoch',
          'routeKey',
          'resourcePath',
          'ip',
          'apiKeyId',
        ),
        fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.nat())),
      )
      .map((r) => JSON.stringify(r));
    fc.assert(
      fc.property(fc.oneof(text, json, mutated(apigw), mutated(clf)), (line) => {
        expectOutcome(parseApiGatewayLine(line));
        expectOutcome(parseApiGatewayLine(line, { defaultHost: 'api.example.com' }));
      }),
      { numRuns: 1000 },
    );
  });

  it('parseClfLine returns a call or a reason, never throws', () => {
    fc.assert(
      fc.property(fc.oneof(text, mutated(clf)), (line) => {
        expectOutcome(parseClfLine(line, { defaultHost: 'api.example.com' }));
      }),
      { numRuns: 1000 },
    );
  });
});
