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

  it('declares exactly the quick-create parameters, with the ingest key hidden', () => {
    expect(Object.keys(json.Parameters).sort()).toEqual([...PARAMETER_NAMES].sort());
    expect(json.Parameters.IngestKey).toMatchObject({ Type: 'String', NoEcho: true });
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

  it('stores the ingest key in Secrets Manager and gives the forwarders only its ARN and the intake URL', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', { SecretString: { Ref: 'IngestKey' } });
    const environments = JSON.stringify(template.findResources('AWS::Lambda::Function'));
    expect(environments).toContain('"INGEST_KEY_ARN":{"Ref":');
    expect(environments).toContain('"INTAKE_URL":{"Ref":"IntakeUrl"}');
    expect(environments).not.toContain('"Ref":"IngestKey"');
  });

  it('accepts an issued key and an https intake URL, and refuses a key id alone or a plain-http URL', () => {
    const matches = (name: string, value: string) =>
      new RegExp(String(json.Parameters[name]!.AllowedPattern)).test(value);
    expect(matches('IngestKey', 'ik_AbCdEf0123456789.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')).toBe(
      true,
    );
    expect(matches('IngestKey', 'ik_AbCdEf0123456789')).toBe(false);
    expect(matches('IntakeUrl', 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/v1/logs')).toBe(
      true,
    );
    expect(matches('IntakeUrl', 'http://ingest.example.com/v1/logs')).toBe(false);
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

  it('needs no role in the Surveyor account: the forwarders assume nothing and write to no stream', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toMatch(/sts:AssumeRole|kinesis:/);
  });

  it("lets each forwarder's role POST the intake's IAM route and invoke nothing else", () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const invoke = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('execute-api:')));
    expect(invoke).toHaveLength(2);
    for (const s of invoke) {
      expect(s.Action).toBe('execute-api:Invoke');
      expect(evaluate(s.Resource, { 'AWS::Partition': 'aws' })).toBe(
        'arn:aws:execute-api:*:*:*/*/POST/v1/aws/logs',
      );
    }
    expect(
      new RegExp(String(json.Parameters.IntakeUrl!.AllowedPattern)).test(
        'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/v1/aws/logs',
      ),
    ).toBe(true);
  });
});
