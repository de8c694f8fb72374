import { describe, it, expect, beforeAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import fc from 'fast-check';
import { ForwarderStack } from '#infra/forwarder-stack';
import { PARAMETER_NAMES } from '#infra/forwarder/parameters';
import { MAX_LOG_GROUPS } from '#infra/forwarder/log-group-slots';
import { handlerEntry } from '#infra/saas/bundled-function';
import { evaluate, CfnEvaluationError } from './cfn-intrinsics.ts';

type Resource = { Type: string; Condition?: string; Properties: Record<string, unknown> };
interface CfnTemplate {
  Parameters: Record<string, Record<string, unknown>>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Rules?: unknown;
  Outputs: Record<string, { Condition?: string }>;
}

describe('forwarder template', () => {
  let template: Template;
  let json: CfnTemplate;
  beforeAll(() => {
    const stack = new ForwarderStack(new App(), 'Test-Forwarder');
    template = Template.fromStack(stack);
    json = template.toJSON() as CfnTemplate;
  });

  /** Logical ids of resources deployed for these parameter values (conditions evaluated). */
  function deployed(logGroups: string[], albBucket = ''): Resource[] {
    const parameters = { ApiGatewayLogGroupNames: logGroups, AlbLogBucketName: albBucket };
    return Object.values(json.Resources).filter(
      (r) => r.Condition === undefined || evaluate(json.Conditions[r.Condition], parameters, json.Conditions),
    );
  }

  it('declares exactly the quick-create parameters, with the ingest secret hidden', () => {
    expect(Object.keys(json.Parameters).sort()).toEqual([...PARAMETER_NAMES].sort());
    expect(json.Parameters.IngestSecret).toMatchObject({ Type: 'String', NoEcho: true });
    expect(json.Parameters.ApiGatewayLogGroupNames).toMatchObject({
      Type: 'CommaDelimitedList',
      Default: '',
    });
    expect(json.Parameters.AlbLogBucketName).toMatchObject({ Default: '' });
  });

  it('needs no CDK bootstrap: no assets, no bootstrap-version rule, no CDK metadata', () => {
    const text = JSON.stringify(json);
    expect(json.Rules).toBeUndefined();
    expect(text).not.toMatch(/AssetParameters|BootstrapVersion|cdk-hnb659fds|AWS::CDK::Metadata/);
  });

  it('runs both forwarders on nodejs22.x arm64 from the published artifact', () => {
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Code: { S3Bucket: { Ref: 'ArtifactBucket' }, S3Key: { Ref: 'ArtifactKey' } } },
    });
    const handlers = Object.values(functions).map((f) => (f as Resource).Properties);
    expect(handlers.map((h) => h.Handler).sort()).toEqual([
      'forward-alb-logs.handler',
      'forward-cloudwatch-logs.handler',
    ]);
    for (const fn of handlers) expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    for (const h of handlers)
      expect(existsSync(handlerEntry(String(h.Handler).replace('.handler', '')))).toBe(true);
  });

  it('stores the ingest credential in Secrets Manager and gives the forwarders only its ARN', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      SecretString: { 'Fn::Join': [':', [{ Ref: 'IngestKeyId' }, { Ref: 'IngestSecret' }]] },
    });
    const environments = JSON.stringify(template.findResources('AWS::Lambda::Function'));
    expect(environments).toContain('INGEST_CREDENTIAL_ARN');
    expect(environments).not.toContain('"Ref":"IngestSecret"');
  });

  it('subscribes exactly the listed log groups, one filter each', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^\/aws\/apigateway\/[a-z0-9-]{1,12}$/), {
          maxLength: MAX_LOG_GROUPS,
        }),
        (groups) => {
          const filters = deployed(groups.length === 0 ? [''] : groups).filter(
            (r) => r.Type === 'AWS::Logs::SubscriptionFilter',
          );
          const parameters = { ApiGatewayLogGroupNames: groups.length === 0 ? [''] : groups };
          const names = filters.map((f) => evaluate(f.Properties.LogGroupName, parameters));
          expect(names).toEqual(groups);
        },
      ),
    );
  });

  it('reports log groups past the last slot instead of failing on them', () => {
    const groups = Array.from({ length: MAX_LOG_GROUPS + 1 }, (_, i) => `/aws/apigateway/api-${i}`);
    const overflow = Object.values(json.Outputs).find((o) => o.Condition !== undefined)?.Condition as string;
    expect(() => deployed(groups)).not.toThrow(CfnEvaluationError);
    expect(evaluate(json.Conditions[overflow], { ApiGatewayLogGroupNames: groups }, json.Conditions)).toBe(
      true,
    );
    expect(evaluate(json.Conditions[overflow], { ApiGatewayLogGroupNames: ['/a'] }, json.Conditions)).toBe(
      false,
    );
  });

  it('adds the ALB bucket notification, merged with existing ones, only when a bucket is named', () => {
    const notification = (albBucket: string) =>
      deployed([''], albBucket).filter((r) => r.Type === 'Custom::S3BucketNotifications');
    expect(notification('')).toHaveLength(0);
    const [custom] = notification('my-alb-logs');
    expect(custom?.Properties).toMatchObject({ BucketName: { Ref: 'AlbLogBucketName' }, Managed: false });
    expect(JSON.stringify(custom?.Properties.NotificationConfiguration)).toContain('s3:ObjectCreated:*');
  });

  it('lets each forwarder assume only the ingest role', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    const assumes = policies.match(
      /"Action":"sts:AssumeRole","Effect":"Allow","Resource":\{"Ref":"IngestRoleArn"\}/g,
    );
    expect(assumes).toHaveLength(2);
    expect(policies.match(/sts:AssumeRole/g)).toHaveLength(2);
  });
});
