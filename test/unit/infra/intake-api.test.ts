import { describe, it, expect, beforeAll } from '@jest/globals';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SaasStack } from '#infra/saas-stack';
import { CONTEXT_KEYS, InvalidConfigError, readSaasConfig } from '#infra/config';
import { INTAKE_STAGE, INTAKE_THROTTLE } from '#infra/saas/intake-api';
import { templateApp } from './template-app.ts';

const WEB_ACL =
  'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/surveyor-intake/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const RELEASE = {
  templateUrl: 'https://artifacts.s3.eu-west-1.amazonaws.com/forwarder/v3/template.json',
  artifactBucket: 'artifacts',
  artifactKey: 'forwarder/v3/forwarder.zip',
};

type Statement = { Action: string | string[]; Condition?: unknown; Resource: unknown };

/** The statements of the inline policy attached to the role whose logical id starts with `prefix`. */
function statementsOf(template: Template, prefix: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } };
  }[];
  return policies
    .filter((p) => p.Properties.Roles.some((r) => r.Ref.startsWith(prefix)))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('intake and onboarding in the SaaS stack', () => {
  let template: Template;
  beforeAll(() => {
    const app = templateApp({
      [CONTEXT_KEYS.intakeWebAclArn]: WEB_ACL,
      [CONTEXT_KEYS.forwarderRelease]: RELEASE,
    });
    template = Template.fromStack(new SaasStack(app, 'Test-SaaS', { config: readSaasConfig(app.node) }));
  });

  it('serves POST /v1/logs through a Lambda proxy with every body passed as binary', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { BinaryMediaTypes: ['*/*'] });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'logs' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'NONE',
      Integration: { Type: 'AWS_PROXY' },
    });
    template.resourceCountIs('AWS::ApiGateway::Method', 2);
  });

  it('serves POST /v1/aws/logs with IAM authorization, open to any AWS principal, for account-bound keys', () => {
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'aws' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      AuthorizationType: 'AWS_IAM',
      Integration: { Type: 'AWS_PROXY' },
    });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Policy: {
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Resource: 'execute-api:/*',
          },
        ],
      },
    });
  });

  it('throttles the stage and writes an access log without the Authorization header', () => {
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0] as {
      Properties: Record<string, unknown>;
    };
    expect(stage.Properties).toMatchObject({
      StageName: INTAKE_STAGE,
      MethodSettings: [
        expect.objectContaining({
          ThrottlingRateLimit: INTAKE_THROTTLE.rateLimit,
          ThrottlingBurstLimit: INTAKE_THROTTLE.burstLimit,
        }),
      ],
      AccessLogSetting: {
        DestinationArn: expect.anything(),
        Format: expect.stringContaining('$context.status'),
      },
    });
    expect(JSON.stringify(stage.Properties.AccessLogSetting)).not.toMatch(/authorization/i);
  });

  it('has no cross-account IngestRole and no per-customer trust unless surveyor:ingestCustomers asks for one', () => {
    const roles = JSON.stringify(template.findResources('AWS::IAM::Role'));
    expect(roles).not.toMatch(/customer forwarders|sts:ExternalId/);
    expect(Object.keys(template.toJSON().Outputs as object)).not.toContain('IngestRoleArn');
  });

  it('attaches the configured WAF web ACL to the stage', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: WEB_ACL });
  });

  it('lets the intake read only the key registry and write only rate windows, never the master secret', () => {
    const statements = statementsOf(template, 'IntakeFunctionRole');
    const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));

    expect(dynamo).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:GetItem',
        Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['REGISTRY#'] } },
      }),
      expect.objectContaining({
        Action: 'dynamodb:UpdateItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } },
      }),
    ]);
    expect(statements.flatMap((s) => s.Action)).toEqual(
      expect.arrayContaining(['kinesis:PutRecords', 'kms:GenerateDataKey']),
    );
    expect(JSON.stringify(statements)).not.toContain('secretsmanager');
  });

  it('lets the consumer read the key registry but never write it', () => {
    const statements = statementsOf(template, 'ConsumerFunctionRole');
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
        Condition: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': ['REGISTRY#'] } },
      }),
    );
  });

  it('gives onboarding the master secret, registry and tenant key items, the intake URL and the release', () => {
    const statements = JSON.stringify(statementsOf(template, 'OnboardingFunctionRole'));
    expect(statements).toContain('secretsmanager:GetSecretValue');
    expect(statements).toContain('"dynamodb:LeadingKeys":["REGISTRY#","TENANT#*"]');
    expect(statements).not.toMatch(/kinesis|dynamodb:Scan|dynamodb:DeleteItem/);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          INTAKE_URL: Match.anyValue(),
          FORWARDER_TEMPLATE_URL: RELEASE.templateUrl,
          FORWARDER_ARTIFACT_KEY: RELEASE.artifactKey,
        }),
      },
    });
  });

  it('rejects a web ACL that is not a regional WAFv2 ARN and a release without an https template', () => {
    const config = (context: Record<string, unknown>) => () => readSaasConfig(new App({ context }).node);
    expect(config({ [CONTEXT_KEYS.intakeWebAclArn]: 'arn:aws:wafv2:us-east-1:1:global/webacl/x/y' })).toThrow(
      InvalidConfigError,
    );
    expect(config({ [CONTEXT_KEYS.forwarderRelease]: { ...RELEASE, templateUrl: 'http://x' } })).toThrow(
      InvalidConfigError,
    );
  });
});
