import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSaasConfig } from '#infra/config';
import { SaasStack } from '#infra/saas-stack';
import { templateApp } from './template-app.ts';

const ZONE = 'cb.surveyor.example.com';

function saas(context: Record<string, string>, region?: string): SaasStack {
  const app = templateApp(context);
  return new SaasStack(app, 'Test-SaaS', {
    config: readSaasConfig(app.node),
    ...(region !== undefined && { env: { account: '123456789012', region } }),
  });
}

function functionEnvironments(template: Template): Record<string, string>[] {
  return Object.values(template.findResources('AWS::Lambda::Function')).map(
    (r) =>
      (r.Properties as { Environment?: { Variables?: Record<string, string> } }).Environment?.Variables ?? {},
  );
}

describe('the Log4Shell callback listener in the SaaS stack', () => {
  let stack: Stack;
  let template: Template;
  beforeAll(() => {
    stack = saas({ 'surveyor:callbackZone': ZONE });
    template = Template.fromStack(stack);
  });

  it('is a public hosted zone whose DNS queries are logged to a us-east-1-only log group', () => {
    template.hasResourceProperties('AWS::Route53::HostedZone', {
      Name: `${ZONE}.`,
      QueryLoggingConfig: { CloudWatchLogsLogGroupArn: Match.anyValue() },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: `/aws/route53/${ZONE}` });
    // The policy document is a Fn::Join around the log group's ARN: read it as text.
    const [policy] = Object.values(template.findResources('AWS::Logs::ResourcePolicy'));
    const document = JSON.stringify(policy?.Properties);
    for (const granted of [
      'route53.amazonaws.com',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'aws:SourceAccount',
    ])
      expect(document).toContain(granted);
    const rules = (template.toJSON() as { Rules?: Record<string, { Assertions: { Assert: unknown }[] }> })
      .Rules;
    expect(JSON.stringify(rules)).toContain('"Fn::Equals":[{"Ref":"AWS::Region"},"us-east-1"]');
  });

  it('hands every logged query to the recorder, which may only write the inventory table', () => {
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 1);
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', { FilterPattern: '' });
    expect(functionEnvironments(template)).toContainEqual(
      expect.objectContaining({ SCAN_CALLBACK_ZONE: ZONE, POWERTOOLS_SERVICE_NAME: 'record-callbacks' }),
    );
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Action: 'dynamodb:PutItem' })]),
      }),
    });
  });

  it('turns the Log4Shell check on in the scan tasks, with a wait sized for query-log delivery', () => {
    const scanTasks = functionEnvironments(template).filter(
      (e) => e.POWERTOOLS_SERVICE_NAME === 'external-scans',
    );
    expect(scanTasks).toHaveLength(5);
    for (const env of scanTasks)
      expect(env).toMatchObject({ SCAN_CALLBACK_ZONE: ZONE, SCAN_CALLBACK_WAIT_MS: '30000' });
  });

  it('leaves cdk-nag AwsSolutions with nothing unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(
      report.violations.map(
        (v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join()}`,
      ),
    ).toEqual([]);
  });

  it('is absent without a callback zone, and the scans then run no Log4Shell check', () => {
    const plain = Template.fromStack(saas({}));
    plain.resourceCountIs('AWS::Route53::HostedZone', 0);
    for (const env of functionEnvironments(plain)) expect(env).not.toHaveProperty('SCAN_CALLBACK_ZONE');
  });

  it('refuses a stack pinned outside us-east-1, and a zone name that is not a DNS name', () => {
    expect(() => saas({ 'surveyor:callbackZone': ZONE }, 'eu-west-1')).toThrow(/us-east-1/);
    expect(() => saas({ 'surveyor:callbackZone': 'Not A Zone' })).toThrow(/surveyor:callbackZone/);
  });
});
