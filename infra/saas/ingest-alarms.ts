/**
 * Alarms on the ingest path, all published to one SNS topic (encrypted, TLS-only).
 *
 * - Iterator age: the consumer is falling behind the stream (or a shard is stuck retrying).
 * - Consumer errors: invocations that threw (partial failures are reported, not thrown).
 * - Records sent to the on-failure bucket ("DLQ depth"): the ESM's
 *   `OnFailureDestinationDeliveredEventCount` (dimension EventSourceMappingUUID, needs EventCount
 *   metrics on the mapping) counts records given up on and written to S3. Lambda's
 *   `DestinationDeliveryFailures` counts records that could not even be written there, i.e. lost;
 *   it gets its own alarm. S3 has no queue depth, so a count of deliveries is the honest signal.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { KinesisEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Alarm when the oldest unprocessed record is older than this. */
export const ITERATOR_AGE_THRESHOLD = Duration.seconds(60);

export interface IngestAlarmsProps {
  readonly consumer: IFunction;
  readonly eventSource: KinesisEventSource;
}

export class IngestAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: IngestAlarmsProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', { description: 'Surveyor alarm topic', enableKeyRotation: true });
    // CloudWatch alarms publish to an encrypted topic only if they may use its key (aws/sns forbids it).
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Surveyor alarms',
      masterKey: key,
      enforceSSL: true,
    });

    const { consumer, eventSource } = props;
    const fiveMinutes = Duration.minutes(5);
    this.add('IteratorAge', {
      metric: consumer.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(1) }),
      threshold: ITERATOR_AGE_THRESHOLD.toMilliseconds(),
      evaluationPeriods: 5,
      description: `Consumer more than ${ITERATOR_AGE_THRESHOLD.toSeconds()} s behind the ingest stream`,
    });
    this.add('ConsumerErrors', {
      metric: consumer.metricErrors({ period: fiveMinutes }),
      threshold: 0,
      evaluationPeriods: 1,
      description: 'ingest-api-calls invocations failed (batches are bisected and retried)',
    });
    this.add('RecordsSentToFailureBucket', {
      metric: new Metric({
        namespace: 'AWS/Lambda',
        metricName: 'OnFailureDestinationDeliveredEventCount',
        dimensionsMap: { EventSourceMappingUUID: eventSource.eventSourceMappingId },
        statistic: 'Sum',
        period: fiveMinutes,
      }),
      threshold: 0,
      evaluationPeriods: 1,
      description: 'Records given up on after retries were written to the failed-records bucket',
    });
    this.add('FailureDestinationDeliveryFailures', {
      metric: consumer.metric('DestinationDeliveryFailures', { statistic: 'Sum', period: fiveMinutes }),
      threshold: 0,
      evaluationPeriods: 1,
      description: 'Discarded records could not be written to the failed-records bucket: data lost',
    });
  }

  private add(
    id: string,
    props: { metric: Metric; threshold: number; evaluationPeriods: number; description: string },
  ) {
    const alarm = new Alarm(this, id, {
      ...props,
      alarmDescription: props.description,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
