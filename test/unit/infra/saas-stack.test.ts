import { describe, it, expect, beforeAll } from '@jest/globals';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SaasStack } from '#infra/saas-stack';
import { CONTEXT_KEYS, InvalidConfigError, readSaasConfig } from '#infra/config';
import { ITERATOR_AGE_THRESHOLD } from '#infra/saas/ingest-alarms';
import { TABLES, tableName } from '#shared/resources/tables';
import { ALERT_NOTIFIER_SOURCE } from '#shared/resources/event-sources';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { templateApp } from './template-app.ts';

const CUSTOMERS = [
  { accountId: '111111111111', externalId: 'ext-acme-1' },
  { accountId: '222222222222', externalId: 'ext-globex-2' },
];

function synth(context: Record<string, unknown> = {}): Template {
  const app = templateApp(context);
  const stack = new SaasStack(app, 'Test-SaaS', { config: readSaasConfig(app.node) });
  return Template.fromStack(stack);
}

type Resource = { Properties: Record<string, unknown> };
/** The resources of `type` whose properties include `props`. */
const withProps = (template: Template, type: string, props: Record<string, unknown>) =>
  template.findResources(type, { Properties: props });
const only = (resources: Record<string, Record<string, unknown>>): Resource => {
  const values = Object.values(resources);
  expect(values).toHaveLength(1);
  return values[0] as unknown as Resource;
};

describe('SaaS stack', () => {
  let template: Template;
  beforeAll(() => {
    // Arrange (shared): one synthesis bundles the consumer once, with customers configured.
    template = synth({ [CONTEXT_KEYS.customers]: CUSTOMERS, [CONTEXT_KEYS.parallelizationFactor]: 3 });
  });

  it('encrypts the ingest stream with a rotated customer-managed key', () => {
    const stream = only(template.findResources('AWS::Kinesis::Stream'));
    const [keyId] = Object.keys(
      template.findResources('AWS::KMS::Key', { Properties: { EnableKeyRotation: true } }),
    );
    expect(stream.Properties.StreamEncryption).toEqual({
      EncryptionType: 'KMS',
      KeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(stream.Properties.StreamModeDetails).toEqual({ StreamMode: 'ON_DEMAND' });
  });

  it.each(TABLES.map((d) => [d.name, d] as const))(
    'builds the %s table from its shared definition',
    (_name, definition) => {
      const props = {
        TableName: tableName('surveyor', definition),
        KeySchema: [
          { AttributeName: definition.partitionKey, KeyType: 'HASH' },
          { AttributeName: definition.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        StreamSpecification:
          definition.stream === undefined ? Match.absent() : { StreamViewType: definition.stream },
        TimeToLiveSpecification:
          definition.ttlAttribute === undefined
            ? Match.absent()
            : { AttributeName: definition.ttlAttribute, Enabled: true },
        GlobalSecondaryIndexes:
          definition.globalIndexes.length === 0
            ? Match.absent()
            : definition.globalIndexes.map((index) =>
                Match.objectLike({
                  IndexName: index.name,
                  KeySchema: [
                    { AttributeName: index.partitionKey, KeyType: 'HASH' },
                    { AttributeName: index.sortKey, KeyType: 'RANGE' },
                  ],
                }),
              ),
      };
      template.hasResourceProperties('AWS::DynamoDB::Table', props);
    },
  );

  it('runs the consumer on nodejs22.x arm64 with its configuration in the environment', () => {
    const fn = only(
      withProps(template, 'AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('from the ingest stream'),
      }),
    );
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([
        'INVENTORY_TABLE',
        'FINDINGS_TABLE',
        'QUARANTINE_BUCKET',
        'INGEST_MASTER_SECRET_ARN',
        'POWERTOOLS_SERVICE_NAME',
        'POWERTOOLS_METRICS_NAMESPACE',
      ]),
    );
    expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(1024);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(60);
  });

  it('maps the stream with partial failures, bisection, bounded retries and an S3 on-failure destination', () => {
    const mapping = only(withProps(template, 'AWS::Lambda::EventSourceMapping', { BatchSize: 10_000 }));
    const failedBucket = Object.keys(template.findResources('AWS::S3::Bucket')).find((id) =>
      id.includes('Failed'),
    );
    expect(mapping.Properties).toMatchObject({
      BatchSize: 10_000,
      MaximumBatchingWindowInSeconds: 5,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 3600,
      ParallelizationFactor: 3,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failedBucket, 'Arn'] } } },
      MetricsConfig: { Metrics: ['EventCount'] },
    });
  });

  it('feeds the notifier both streams with bisection, partial failures, bounded retries and an SQS on-failure queue', () => {
    const tables = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    const findings = tables.find((id) => id.includes('Findings'));
    const inventory = tables.find((id) => id.includes('Inventory'));
    const queue = Object.keys(template.findResources('AWS::SQS::Queue')).find((id) =>
      id.includes('DeadLetters'),
    );
    const common = {
      StartingPosition: 'LATEST',
      BatchSize: ALERT_NOTIFIER_SOURCE.batchSize,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: ALERT_NOTIFIER_SOURCE.retryAttempts,
      MaximumRecordAgeInSeconds: ALERT_NOTIFIER_SOURCE.maxRecordAgeSeconds,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    };
    const onFindings = only(
      withProps(template, 'AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [findings, 'StreamArn'] },
      }),
    );
    expect(onFindings.Properties).toMatchObject(common);
    expect(onFindings.Properties.FilterCriteria).toBeUndefined();
    const onInventory = only(
      withProps(template, 'AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [inventory, 'StreamArn'] },
      }),
    );
    expect(onInventory.Properties).toMatchObject(common);
    const [filter] = (onInventory.Properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;
    expect(JSON.parse(filter!.Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: {
        Keys: { sk: { S: [{ prefix: 'EP#' }] } },
        NewImage: { createdBy: { S: [{ exists: false }] } },
      },
    });
    const fn = only(
      withProps(template, 'AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('signed webhooks'),
      }),
    );
    const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining([HANDLER_ENV.alertsTable, HANDLER_ENV.alertsKmsKey, HANDLER_ENV.portalUrl]),
    );
    expect(variables[HANDLER_ENV.alertsAllowLoopback]).toBeUndefined();
  });

  it('seals integration secrets with a rotated KMS key the notifier may only decrypt and only the portal may also encrypt', () => {
    const keys = template.findResources('AWS::KMS::Key', {
      Properties: {
        Description: Match.stringLikeRegexp('alert-integration secrets'),
        EnableKeyRotation: true,
      },
    });
    const [keyId] = Object.keys(keys);
    expect(keyId).toBeDefined();
    const [portalRole] = Object.keys(
      template.findResources('AWS::IAM::Role', {
        Properties: { Description: 'Execution role of the portal (Next.js on Lambda)' },
      }),
    );
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const grants = policies.flatMap((p) =>
      (
        p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
      ).Statement.filter((s) => JSON.stringify(s.Resource).includes(keyId!)).map((s) => ({
        action: s.Action,
        portal: JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: portalRole }]),
      })),
    );
    expect(grants).toEqual(
      expect.arrayContaining([
        { action: 'kms:Decrypt', portal: false },
        { action: ['kms:Encrypt', 'kms:Decrypt'], portal: true },
      ]),
    );
    expect(grants).toHaveLength(2);
  });

  it('keeps the notifier dead-letter queue encrypted and TLS-only', () => {
    const queue = only(template.findResources('AWS::SQS::Queue'));
    expect(queue.Properties.KmsMasterKeyId).toBe('alias/aws/sqs');
    expect(JSON.stringify(template.findResources('AWS::SQS::QueuePolicy'))).toContain(
      '"aws:SecureTransport":"false"',
    );
  });

  it('runs the tenant-wide assessment daily, with table access but no Scan', () => {
    const fn = only(
      withProps(template, 'AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('specs and rules'),
      }),
    );
    const fnId = Object.entries(template.findResources('AWS::Lambda::Function')).find(
      ([, r]) => r === fn,
    )![0];
    const rule = only(template.findResources('AWS::Events::Rule'));
    expect(rule.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 day)',
      Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } })],
    });
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('dynamodb:Scan');
  });

  it('keeps every bucket private, encrypted and TLS-only, and expires quarantine after 30 days', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    for (const bucket of Object.values(buckets) as Resource[]) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
    }
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[];
    expect(policies).toHaveLength(Object.keys(buckets).length);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
    const quarantine = Object.entries(buckets).find(([id]) => id.includes('Quarantine'))?.[1] as Resource;
    // 30 days, as docs/SECURITY.md promises customers.
    expect(JSON.stringify(quarantine.Properties.LifecycleConfiguration)).toContain('"ExpirationInDays":30');
  });

  it('grants the consumer item-level table access but never Scan', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('dynamodb:PutItem');
    expect(policies).not.toContain('dynamodb:Scan');
    expect(policies).not.toContain('dynamodb:*');
  });

  it('lets the consumer read back only rejected-record quarantine objects', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }).Statement,
    );
    const reads = statements.filter((s) => JSON.stringify(s.Action).includes('s3:GetObject'));
    const quarantineReads = reads.filter((s) => JSON.stringify(s.Resource).includes('Quarantine'));

    expect(quarantineReads).toHaveLength(1);
    expect(JSON.stringify(quarantineReads[0]!.Resource)).toContain('/quarantine/_unattributed/*');
  });

  it('lets the ingest role only put records and generate data keys', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { Description: Match.stringLikeRegexp('customer forwarders') },
    });
    const [roleId] = Object.keys(roles);
    const policy = only(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    );
    const actions = (
      policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }
    ).Statement.flatMap((s) => s.Action);
    expect(actions.sort()).toEqual(['kinesis:PutRecord', 'kinesis:PutRecords', 'kms:GenerateDataKey']);
  });

  it('binds each customer account to its own external id in the ingest role trust policy', () => {
    const role = only(
      template.findResources('AWS::IAM::Role', {
        Properties: { Description: Match.stringLikeRegexp('customer forwarders') },
      }),
    );
    const statements = (role.Properties.AssumeRolePolicyDocument as { Statement: unknown[] }).Statement;
    const trusted = statements.map((s) => JSON.stringify(s));
    expect(trusted).toHaveLength(CUSTOMERS.length);
    CUSTOMERS.forEach(({ accountId, externalId }, i) => {
      expect(trusted[i]).toContain(`:iam::${accountId}:root`);
      expect(trusted[i]).toContain(`"sts:ExternalId":"${externalId}"`);
    });
  });

  it('alarms on iterator age, consumer errors, records sent to the failure bucket and lost records', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const byMetric = new Map(alarms.map((a) => [a.Properties.MetricName, a.Properties]));
    expect([...byMetric.keys()].sort()).toEqual(
      [
        'DestinationDeliveryFailures',
        'Errors',
        'IteratorAge',
        'OnFailureDestinationDeliveredEventCount',
      ].sort(),
    );
    expect(byMetric.get('IteratorAge')?.Threshold).toBe(ITERATOR_AGE_THRESHOLD.toMilliseconds());
    expect(JSON.stringify(byMetric.get('OnFailureDestinationDeliveredEventCount')?.Dimensions)).toContain(
      'EventSourceMappingUUID',
    );
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('generates the master ingest secret and lets only the consumer and onboarding read it', () => {
    const [masterId, ...others] = Object.keys(
      template.findResources('AWS::SecretsManager::Secret', {
        Properties: { Description: Match.stringLikeRegexp('^Master key') },
      }),
    );
    expect(others).toEqual([]);
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p).includes(
        `"secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Effect":"Allow","Resource":{"Ref":"${masterId}"}`,
      ),
    );
    expect(
      readers.map((r) => JSON.stringify(r).match(/(Consumer|Onboarding)FunctionRole/)?.[1]).sort(),
    ).toEqual(['Consumer', 'Onboarding']);
  });
});

describe('SaaS configuration', () => {
  it('rejects an unknown stream mode', () => {
    const app = new App({ context: { [CONTEXT_KEYS.streamMode]: 'serverless' } });
    expect(() => readSaasConfig(app.node)).toThrow(InvalidConfigError);
  });

  it('rejects a customer without a 12-digit account id', () => {
    const app = new App({
      context: { [CONTEXT_KEYS.customers]: [{ accountId: '123', externalId: 'ext-1' }] },
    });
    expect(() => readSaasConfig(app.node)).toThrow(InvalidConfigError);
  });

  it('reads numbers given on the command line as strings', () => {
    const app = new App({
      context: { [CONTEXT_KEYS.streamMode]: 'provisioned', [CONTEXT_KEYS.shardCount]: '4' },
    });
    expect(readSaasConfig(app.node)).toMatchObject({ streamMode: 'provisioned', shardCount: 4 });
  });
});
