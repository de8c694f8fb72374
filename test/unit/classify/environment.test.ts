import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { classifyEnvironment, createEnvironmentClassifier } from '#shared/classify/environment';

describe('classifyEnvironment', () => {
  it('names the environment of hosts with a whole non-production token', () => {
    const cases: [string, string][] = [
      ['dev.api.example.com', 'dev'],
      ['api-dev.example.com', 'dev'],
      ['api.development.example.com', 'dev'],
      ['qa2.shop.example.com', 'qa'],
      ['orders-uat-01.example.com', 'uat'],
      ['api.stg.example.com', 'staging'],
      ['staging-api.example.com', 'staging'],
      ['sbx.payments.example.com', 'sandbox'],
      ['api.pre-prod.example.com', 'preprod'],
      ['api-non-prod.example.com', 'nonprod'],
      ['preprod.example.com', 'preprod'],
      ['demo.example.com', 'demo'],
      ['beta.api.example.com', 'beta'],
      ['int.api.example.com', 'integration'],
      ['perf-api.example.com', 'perf'],
      ['load.example.com', 'perf'],
      ['TEST.Example.COM', 'test'],
      ['app.example.test', 'test'],
    ];
    for (const [host, env] of cases) expect([host, classifyEnvironment(host)]).toEqual([host, env]);
  });

  it('does not fire on tokens that merely contain a non-production word', () => {
    for (const host of [
      'devices.example.com',
      'latest.example.com',
      'contest.example.com',
      'intl.example.com',
      'api.example.com',
      'developer-portal.example.com',
      'protest.example.com',
      'stagecoach.example.com',
      'download.example.com',
      'api.example.dev',
      'preview.example.com',
      '10.0.0.1',
      '[::1]',
      '',
    ])
      expect([host, classifyEnvironment(host)]).toEqual([host, 'production']);
  });

  it('uses tenant tokens and lets a tenant silence built-in ones', () => {
    const classify = createEnvironmentClassifier({
      extraTokens: { blue: 'staging', canary: 'canary' },
      ignoredTokens: ['demo', 'pre-prod'],
    });
    expect(classify('blue.api.example.com')).toBe('staging');
    expect(classify('api-canary.example.com')).toBe('canary');
    expect(classify('demo.example.com')).toBe('production');
    expect(classify('api.pre-prod.example.com')).toBe('production');
    expect(classify('dev.example.com')).toBe('dev');
    expect(createEnvironmentClassifier({ extraTokens: ['lab'] })('lab3.example.com')).toBe('lab');
  });

  it('finds a token wherever it stands among generated labels, with or without a number', () => {
    const label = fc
      .stringMatching(/^[a-z]{3,8}$/)
      .filter((l) => classifyEnvironment(`${l}.x.com`) === 'production');
    fc.assert(
      fc.property(
        fc.array(label, { maxLength: 3 }),
        fc.array(label, { maxLength: 3 }),
        fc.constantFrom('dev', 'qa', 'staging', 'uat', 'sandbox'),
        fc.option(fc.integer({ min: 0, max: 99 }), { nil: undefined }),
        fc.constantFrom('.', '-'),
        (before, after, token, n, sep) => {
          const host = [...before, `${token}${n ?? ''}`, ...after].join(sep) + '.example.com';
          expect(classifyEnvironment(host)).toBe(token);
        },
      ),
    );
  });

  it('never fires on a token glued to other letters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('dev', 'test', 'qa', 'stg', 'int', 'beta', 'demo', 'load'),
        fc.stringMatching(/^[a-z]{0,4}$/),
        fc.stringMatching(/^[a-z]{1,4}$/),
        (token, before, after) => {
          // No built-in token starts with z, so the glued label is never a token itself.
          expect(classifyEnvironment(`z${before}${token}${after}.example.com`)).toBe('production');
        },
      ),
    );
  });

  it('never throws on any string', () => {
    fc.assert(fc.property(fc.string(), (host) => typeof classifyEnvironment(host) === 'string'));
  });
});
