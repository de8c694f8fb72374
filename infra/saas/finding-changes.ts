/**
 * The findings table's stream -> functions/finding-changes.ts: opened, reopened and changed findings
 * for alerting. Partial batch failures and bisection as for the ingest consumer; a record that keeps
 * failing is given up after a few retries rather than blocking every later change.
 */
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { acknowledge } from '#infra/nag';
import { FINDING_CHANGES_SOURCE } from '#shared/resources/event-sources';
import { bundledFunction } from './bundled-function.ts';

export class FindingChanges extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: { readonly findingsTable: Table }) {
    super(scope, id);
    const { fn, role } = bundledFunction(this, 'Function', {
      handlerName: 'finding-changes',
      description: 'Findings table stream -> finding changes for alerting',
      memorySize: 256,
      timeout: Duration.seconds(FINDING_CHANGES_SOURCE.timeoutSeconds),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'finding-changes',
        POWERTOOLS_METRICS_NAMESPACE: 'Surveyor',
      },
    });
    this.fn = fn;
    // The event source grants the stream read actions, on this table's stream only.
    fn.addEventSource(
      new DynamoEventSource(props.findingsTable, {
        startingPosition: StartingPosition.LATEST,
        batchSize: FINDING_CHANGES_SOURCE.batchSize,
        maxBatchingWindow: Duration.seconds(FINDING_CHANGES_SOURCE.maxBatchingWindowSeconds),
        bisectBatchOnError: FINDING_CHANGES_SOURCE.bisectBatchOnError,
        retryAttempts: FINDING_CHANGES_SOURCE.retryAttempts,
        reportBatchItemFailures: FINDING_CHANGES_SOURCE.reportBatchItemFailures,
      }),
    );
    acknowledge(
      role.node.findChild('DefaultPolicy'),
      'AwsSolutions-IAM5[Resource::*]',
      'dynamodb:ListStreams has no resource-level permissions; the stream read actions are scoped to the findings table stream by the event source grant',
    );
  }
}
