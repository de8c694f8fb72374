/**
 * The notifier (functions/deliver-alerts.ts) on two streams: every findings-table change, and
 * inventory-table INSERTs of endpoint items not created by a template merge (filter criteria, the
 * same rule as shared/alerts/stream-events.ts isNewEndpointRecord). Partial batch failures,
 * bisection, bounded retries and an SQS on-failure destination; a KMS key seals integration
 * secrets (the notifier may only decrypt).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';
import { bundledFunction } from './bundled-function.ts';
import { ALERT_NOTIFIER_SOURCE } from '#shared/resources/event-sources';
import { HANDLER_ENV } from '#shared/resources/handler-env';

export interface AlertNotifierProps {
  readonly findingsTable: Table;
  readonly inventoryTable: Table;
  readonly alertsTable: Table;
  readonly portalUrl: string;
}

/** The event source filter for new endpoints (mirrors isNewEndpointRecord). */
export const NEW_ENDPOINT_FILTER = FilterCriteria.filter({
  eventName: FilterRule.isEqual('INSERT'),
  dynamodb: {
    Keys: { sk: { S: FilterRule.beginsWith('EP#') } },
    NewImage: { createdBy: { S: FilterRule.notExists() } },
  },
});

export class AlertNotifier extends Construct {
  readonly fn: NodejsFunction;
  readonly secretsKey: Key;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: AlertNotifierProps) {
    super(scope, id);
    this.secretsKey = new Key(this, 'SecretsKey', {
      description: 'Seals alert-integration secrets (Slack URLs, webhook secrets, PagerDuty keys)',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Stream records the notifier gave up on (their metadata; the records stay in the stream 24 h).
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetters,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter (on-failure) destination of the notifier event sources',
    );
    const { fn, role } = bundledFunction(this, 'Function', {
      handlerName: 'deliver-alerts',
      description: 'Finding changes and new endpoints -> Slack, PagerDuty and signed webhooks',
      memorySize: 512,
      timeout: Duration.seconds(ALERT_NOTIFIER_SOURCE.timeoutSeconds),
      environment: {
        [HANDLER_ENV.alertsTable]: props.alertsTable.tableName,
        [HANDLER_ENV.alertsKmsKey]: this.secretsKey.keyArn,
        [HANDLER_ENV.portalUrl]: props.portalUrl,
        POWERTOOLS_SERVICE_NAME: 'deliver-alerts',
        POWERTOOLS_METRICS_NAMESPACE: 'Surveyor',
      },
    });
    this.fn = fn;
    this.secretsKey.grantDecrypt(role);
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:Query',
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
        ],
        resources: [props.alertsTable.tableArn],
      }),
    );
    const common = {
      startingPosition: StartingPosition.LATEST,
      batchSize: ALERT_NOTIFIER_SOURCE.batchSize,
      maxBatchingWindow: Duration.seconds(ALERT_NOTIFIER_SOURCE.maxBatchingWindowSeconds),
      bisectBatchOnError: ALERT_NOTIFIER_SOURCE.bisectBatchOnError,
      retryAttempts: ALERT_NOTIFIER_SOURCE.retryAttempts,
      maxRecordAge: Duration.seconds(ALERT_NOTIFIER_SOURCE.maxRecordAgeSeconds),
      reportBatchItemFailures: ALERT_NOTIFIER_SOURCE.reportBatchItemFailures,
      onFailure: new SqsDlq(this.deadLetters),
    };
    fn.addEventSource(new DynamoEventSource(props.findingsTable, common));
    fn.addEventSource(
      new DynamoEventSource(props.inventoryTable, { ...common, filters: [NEW_ENDPOINT_FILTER] }),
    );
    acknowledge(
      role.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      'dynamodb:ListStreams has no resource-level permissions; the stream read actions are scoped to the two table streams by the event source grants',
    );
  }
}
