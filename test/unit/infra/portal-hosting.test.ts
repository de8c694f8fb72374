import { describe, it, expect, beforeAll } from '@jest/globals';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SaasStack } from '#infra/saas-stack';
import { CONTEXT_KEYS, InvalidConfigError, readSaasConfig } from '#infra/config';
import { OIDC_CALLBACK_PATH } from '#infra/saas/portal-sign-in';
import {
  HANDLER_ENV,
  PORTAL_ENV,
  PORTAL_ORIGIN_VERIFY_HEADER as ORIGIN_VERIFY_HEADER,
} from '#shared/resources/handler-env';
import { templateApp } from './template-app.ts';

const DOMAIN = {
  [CONTEXT_KEYS.portalDomain]: 'app.surveyor.example',
  [CONTEXT_KEYS.portalCertificateArn]: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f',
};
const COGNITO = { ...DOMAIN, [CONTEXT_KEYS.portalSignIn]: 'cognito' };

function stackWith(context: Record<string, unknown> = {}): SaasStack {
  const app = templateApp(context);
  return new SaasStack(app, 'Test-SaaS', { config: readSaasConfig(app.node) });
}

type Props = Record<string, unknown>;
const onlyProps = (template: Template, type: string): Props => {
  const values = Object.values(template.findResources(type));
  expect(values).toHaveLength(1);
  return (values[0] as { Properties: Props }).Properties;
};
const logicalIdOf = (template: Template, type: string, props: Props = {}): string => {
  const ids = Object.keys(template.findResources(type, { Properties: props }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
};
const portalFunction = (template: Template) =>
  template.findResources('AWS::Lambda::Function', {
    Properties: { Handler: 'web/serve-portal.handler' },
  });
const portalEnvironment = (template: Template): Record<string, unknown> => {
  const fns = Object.values(portalFunction(template)) as { Properties: Props }[];
  expect(fns).toHaveLength(1);
  return (fns[0]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
};

describe('the portal on CloudFront and Lambda', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(stackWith());
  });

  it('serves /_next/static/* from the private bucket through origin access control, cached', () => {
    const config = onlyProps(template, 'AWS::CloudFront::Distribution').DistributionConfig as Props;
    const bucketId = logicalIdOf(template, 'AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 'PortalStatic/' },
    });
    const oacId = logicalIdOf(template, 'AWS::CloudFront::OriginAccessControl');
    const staticOrigin = (config.Origins as Props[]).find((o) => o.S3OriginConfig !== undefined)!;

    expect(staticOrigin.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
    expect(staticOrigin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({
        PathPattern: '/_next/static/*',
        TargetOriginId: staticOrigin.Id,
        CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', // Managed-CachingOptimized
        ViewerProtocolPolicy: 'redirect-to-https',
      }),
    ]);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      LoggingConfiguration: { LogFilePrefix: 'PortalStatic/' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  it('sends every other path to the function URL uncached, with the secret origin header and the viewer host', () => {
    const config = onlyProps(template, 'AWS::CloudFront::Distribution').DistributionConfig as Props;
    const fnOrigin = (config.Origins as Props[]).find((o) => o.CustomOriginConfig !== undefined)!;
    const behavior = config.DefaultCacheBehavior as Props;
    const secretId = logicalIdOf(template, 'AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('CloudFront adds to portal origin requests'),
    });

    expect(behavior).toMatchObject({
      TargetOriginId: fnOrigin.Id,
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: expect.arrayContaining(['GET', 'POST']),
      FunctionAssociations: [expect.objectContaining({ EventType: 'viewer-request' })],
    });
    expect(fnOrigin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    expect(JSON.stringify(fnOrigin.DomainName)).toContain('FunctionUrl');
    expect(fnOrigin.OriginCustomHeaders).toEqual([
      {
        HeaderName: ORIGIN_VERIFY_HEADER,
        HeaderValue: {
          'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']],
        },
      },
    ]);
    const edge = onlyProps(template, 'AWS::CloudFront::Function');
    expect(edge.FunctionCode).toContain("r.headers['x-forwarded-host'] = { value: r.headers.host.value }");
  });

  it('adds the security headers on every answer and logs viewer requests', () => {
    const policy = onlyProps(template, 'AWS::CloudFront::ResponseHeadersPolicy')
      .ResponseHeadersPolicyConfig as Props;
    expect(policy.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'same-origin', Override: true },
    });
    const config = onlyProps(template, 'AWS::CloudFront::Distribution').DistributionConfig as Props;
    expect(config.Logging).toMatchObject({ Prefix: 'portal/' });
  });

  it('runs Node 22 with the tables, the secrets by ARN, the alerts key and the onboarding function in its environment', () => {
    const env = portalEnvironment(template);
    expect(Object.keys(env).sort()).toEqual(
      [
        'NODE_ENV',
        'NEXT_TELEMETRY_DISABLED',
        HANDLER_ENV.inventoryTable,
        HANDLER_ENV.findingsTable,
        HANDLER_ENV.accountsTable,
        HANDLER_ENV.alertsTable,
        HANDLER_ENV.alertsKmsKey,
        HANDLER_ENV.portalUrl,
        PORTAL_ENV.onboardingFunction,
        `${PORTAL_ENV.sessionSecret}_ARN`,
        `${PORTAL_ENV.originVerify}_ARN`,
        PORTAL_ENV.trustHost,
      ].sort(),
    );
    expect(env[`${PORTAL_ENV.sessionSecret}_ARN`]).toEqual({
      Ref: expect.stringMatching(/^PortalSessionSecret/),
    });
    expect(env[PORTAL_ENV.sessionSecret]).toBeUndefined();
    // The notifier's key, the same one the notifier opens secrets with.
    const notifierEnv = (
      Object.values(
        template.findResources('AWS::Lambda::Function', {
          Properties: { Description: Match.stringLikeRegexp('Slack, PagerDuty') },
        }),
      )[0] as { Properties: { Environment: { Variables: Record<string, unknown> } } }
    ).Properties.Environment.Variables;
    expect(env[HANDLER_ENV.alertsKmsKey]).toEqual(notifierEnv[HANDLER_ENV.alertsKmsKey]);
    expect(env[HANDLER_ENV.alertsTable]).toEqual(notifierEnv[HANDLER_ENV.alertsTable]);
    expect(env[HANDLER_ENV.portalUrl]).toBe('https://app.surveyor.dev');
    const fn = Object.values(portalFunction(template))[0] as { Properties: Props };
    expect(fn.Properties.Runtime).toBe('nodejs22.x');
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
  });

  it('lets the function touch only tenant and credential partitions of its four tables, use the alerts key, and invoke onboarding', () => {
    const roleId = logicalIdOf(template, 'AWS::IAM::Role', {
      Description: 'Execution role of the portal (Next.js on Lambda)',
    });
    const policies = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    ) as { Properties: { PolicyDocument: { Statement: Props[] } } }[];
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
    const dynamo = statements.filter((s) => JSON.stringify(s.Action).includes('dynamodb:'));
    const tableIds = (name: string) =>
      logicalIdOf(template, 'AWS::DynamoDB::Table', { TableName: `surveyor-${name}` });

    expect(dynamo).toHaveLength(2);
    for (const s of dynamo) {
      expect(s.Action).not.toContain('dynamodb:Scan');
      expect(JSON.stringify(s.Action)).not.toContain('*');
      expect(Object.keys((s.Condition as Props)['ForAllValues:StringLike'] as Props)).toEqual([
        'dynamodb:LeadingKeys',
      ]);
    }
    const resources = JSON.stringify(dynamo.map((s) => s.Resource));
    for (const name of ['inventory', 'findings', 'accounts', 'alerts'])
      expect(resources).toContain(tableIds(name));
    const tenantOnly = dynamo.find((s) => JSON.stringify(s.Resource).includes(tableIds('alerts')))!;
    expect((tenantOnly.Condition as Props)['ForAllValues:StringLike']).toEqual({
      'dynamodb:LeadingKeys': ['TENANT#*'],
    });
    const kms = statements.filter((s) => JSON.stringify(s.Action).includes('kms:'));
    expect(kms).toHaveLength(1);
    expect(kms[0]!.Action).toEqual(expect.arrayContaining(['kms:Encrypt', 'kms:Decrypt']));
    expect(kms[0]!.Resource).toEqual({
      'Fn::GetAtt': [
        logicalIdOf(template, 'AWS::KMS::Key', { Description: Match.stringLikeRegexp('alert-integration') }),
        'Arn',
      ],
    });
    expect(resources).not.toContain('/index/*');
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Resource: {
          'Fn::GetAtt': [
            logicalIdOf(template, 'AWS::Lambda::Function', {
              Handler: 'index.handler',
              Description: Match.stringLikeRegexp('ingest keys'),
            }),
            'Arn',
          ],
        },
      }),
    );
  });
});

describe('the portal with its own domain and Cognito sign-in', () => {
  let stack: SaasStack;
  let template: Template;
  beforeAll(() => {
    stack = stackWith(COGNITO);
    template = Template.fromStack(stack);
  });

  it('serves the domain with its certificate and TLS 1.2 at least', () => {
    const config = onlyProps(template, 'AWS::CloudFront::Distribution').DistributionConfig as Props;
    expect(config.Aliases).toEqual(['app.surveyor.example']);
    expect(config.ViewerCertificate).toMatchObject({
      AcmCertificateArn: DOMAIN[CONTEXT_KEYS.portalCertificateArn],
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  it('makes a user pool whose app client calls back to the portal, and points the function at it', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [`https://app.surveyor.example${OIDC_CALLBACK_PATH}`],
    });
    const poolId = logicalIdOf(template, 'AWS::Cognito::UserPool');
    const env = portalEnvironment(template);
    expect(env[PORTAL_ENV.url]).toBe('https://app.surveyor.example');
    expect(env[PORTAL_ENV.trustHost]).toBeUndefined();
    expect(JSON.stringify(env[PORTAL_ENV.oidcIssuer])).toContain(poolId);
    expect(env[PORTAL_ENV.oidcClientId]).toEqual({
      Ref: logicalIdOf(template, 'AWS::Cognito::UserPoolClient'),
    });
    expect(env[`${PORTAL_ENV.oidcClientSecret}_ARN`]).toEqual({
      Ref: logicalIdOf(template, 'AWS::SecretsManager::Secret', {
        Description: Match.stringLikeRegexp('Cognito app client secret'),
      }),
    });
  });

  it('passes the AwsSolutions checks with every finding acknowledged for a reason', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(
      report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)),
    ).toEqual([]);
  });
});

describe('portal settings from context', () => {
  it('takes another OIDC issuer with its client secret in Secrets Manager', () => {
    const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:portal-oidc-AbCdEf';
    const template = Template.fromStack(
      stackWith({
        [CONTEXT_KEYS.portalSignIn]: {
          issuer: 'https://login.example.com/realms/acme',
          clientId: 'surveyor',
          clientSecretArn: secretArn,
        },
      }),
    );
    const env = portalEnvironment(template);
    expect(env).toMatchObject({
      [PORTAL_ENV.oidcIssuer]: 'https://login.example.com/realms/acme',
      [PORTAL_ENV.oidcClientId]: 'surveyor',
      [`${PORTAL_ENV.oidcClientSecret}_ARN`]: secretArn,
    });
    expect(template.findResources('AWS::Cognito::UserPool')).toEqual({});
  });

  it.each([
    [{ [CONTEXT_KEYS.portalSignIn]: 'cognito' }, /needs surveyor:portalDomain/],
    [{ [CONTEXT_KEYS.portalDomain]: 'app.surveyor.example' }, /go together/],
    [
      { ...DOMAIN, [CONTEXT_KEYS.portalCertificateArn]: 'arn:aws:acm:eu-west-1:123456789012:certificate/x' },
      /not valid/,
    ],
    [
      { [CONTEXT_KEYS.portalSignIn]: { issuer: 'http://idp.example', clientId: 'a', clientSecretArn: 'x' } },
      /issuer/,
    ],
  ])('refuses %j', (context, message) => {
    const app = templateApp(context);
    expect(() => readSaasConfig(app.node)).toThrow(InvalidConfigError);
    expect(() => readSaasConfig(app.node)).toThrow(message);
  });
});
