/**
 * The SaaS side of the streaming pipeline: ingest stream -> consumer Lambda -> DynamoDB, with the
 * quarantine and failed-record buckets, the master ingest secret and the alarms. Env-agnostic: the
 * account and region come from the deploying credentials.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { SaasConfig } from './config.ts';
import { acknowledge } from './nag.ts';
import { AlertNotifier } from '#infra/saas/alert-notifier';
import { IngestBuckets } from '#infra/saas/buckets';
import { IngestAlarms } from '#infra/saas/ingest-alarms';
import { IngestConsumer } from '#infra/saas/ingest-consumer';
import { IngestStream } from '#infra/saas/ingest-stream';
import { IntakeApi } from '#infra/saas/intake-api';
import { OnboardingFunction } from '#infra/saas/onboarding-function';
import { surveyorTables } from '#infra/saas/tables';
import { TenantAssessment } from '#infra/saas/tenant-assessment';
import { accountsTable, alertsTable, findingsTable, inventoryTable } from '#shared/resources/tables';
import { PortalHosting } from '#infra/saas/portal-hosting';
import { portalSignIn } from '#infra/saas/portal-sign-in';
import { ExternalScans } from '#infra/saas/scans/external-scans';

export interface SaasStackProps extends StackProps {
  readonly config: SaasConfig;
}

export class SaasStack extends Stack {
  readonly ingest: IngestStream;
  readonly consumer: IngestConsumer;
  readonly intake: IntakeApi;
  readonly portal: PortalHosting;

  constructor(scope: Construct, id: string, props: SaasStackProps) {
    super(scope, id, props);
    // Set here rather than only in cdk.json so tests and `tsx infra/app.ts` build the same template:
    // S3 access logs are delivered under a bucket policy, so the log bucket needs no ACLs.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const { config } = props;

    const tables = surveyorTables(this, config.prefix);
    const inventory = tables[inventoryTable.name];
    const findings = tables[findingsTable.name];
    const alerts = tables[alertsTable.name];
    const accounts = tables[accountsTable.name];
    if (inventory === undefined || findings === undefined || alerts === undefined || accounts === undefined)
      throw new Error('table definitions changed');

    this.ingest = new IngestStream(this, 'Ingest', config);
    const buckets = new IngestBuckets(this, 'Buckets');

    // The HMAC master key: ingest-key secrets are derived from it (shared/ingest/credentials.ts).
    const masterSecret = new Secret(this, 'IngestMasterSecret', {
      description: 'Master key from which Surveyor derives every forwarder ingest-key secret',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    acknowledge(
      masterSecret,
      'AwsSolutions-SMG4',
      'Rotating the master key invalidates every issued ingest key at once; rotation is a planned re-keying of all forwarders, not an automatic schedule',
    );

    this.consumer = new IngestConsumer(this, 'Consumer', {
      stream: this.ingest.stream,
      inventoryTable: inventory,
      findingsTable: findings,
      quarantineBucket: buckets.quarantine,
      failedRecordsBucket: buckets.failedRecords,
      masterSecret,
      parallelizationFactor: config.parallelizationFactor,
      reservedConcurrency: config.reservedConcurrency,
    });
    this.intake = new IntakeApi(this, 'Intake', {
      inventoryTable: inventory,
      stream: this.ingest.stream,
      streamKey: this.ingest.key,
      webAclArn: config.intakeWebAclArn,
    });
    const onboarding = new OnboardingFunction(this, 'Onboarding', {
      inventoryTable: inventory,
      masterSecret,
      intakeUrl: this.intake.url,
      forwarderRelease: config.forwarderRelease,
    });
    const notifier = new AlertNotifier(this, 'Alerts', {
      findingsTable: findings,
      inventoryTable: inventory,
      alertsTable: alerts,
      portalUrl: config.portalUrl,
    });
    this.portal = new PortalHosting(this, 'Portal', {
      inventoryTable: inventory,
      findingsTable: findings,
      accountsTable: accounts,
      onboardingFunction: onboarding.fn,
      alerts: { table: alerts, secretsKey: notifier.secretsKey, portalUrl: config.portalUrl },
      accessLogs: buckets.accessLogs,
      domain: config.portalDomain,
      signIn: portalSignIn(this, config.portalSignIn, config.portalDomain),
    });
    new TenantAssessment(this, 'Assessment', { inventoryTable: inventory, findingsTable: findings });
    const scans = new ExternalScans(this, 'ExternalScans', {
      prefix: config.prefix,
      inventoryTable: inventory,
      findingsTable: findings,
      callbackZone: config.callbackZone,
      certificateTransparencyUrl: config.certificateTransparencyUrl,
    });
    const alarms = new IngestAlarms(this, 'Alarms', {
      consumer: this.consumer.fn,
      eventSource: this.consumer.eventSource,
    });

    new CfnOutput(this, 'IntakeUrl', { value: this.intake.url });
    new CfnOutput(this, 'PortalUrl', { value: this.portal.url });
    new CfnOutput(this, 'IngestStreamArn', { value: this.ingest.stream.streamArn });
    if (this.ingest.ingestRole !== undefined)
      new CfnOutput(this, 'IngestRoleArn', { value: this.ingest.ingestRole.roleArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    // The portal/API seals integration secrets with this key (kms:Encrypt) when they are saved.
    new CfnOutput(this, 'AlertSecretsKeyArn', { value: notifier.secretsKey.keyArn });
    new CfnOutput(this, 'ScanStateMachineArn', { value: scans.stateMachine.stateMachineArn });
  }
}
