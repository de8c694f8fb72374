/**
 * The event source mappings, defined once: the CDK stack deploys them and the local runner
 * (local/aws) runs the same batching and retry policy, without loading aws-cdk-lib.
 */
export interface StreamSourceSettings {
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly bisectBatchOnError: boolean;
  readonly retryAttempts: number;
  /** Records older than this go to the on-failure destination (Kinesis and DynamoDB streams). */
  readonly maxRecordAgeSeconds?: number;
  readonly reportBatchItemFailures: boolean;
  /** The function's own timeout, which bounds a batch's processing. */
  readonly timeoutSeconds: number;
}

/** ingest-api-calls on the ingest Kinesis stream. */
export const INGEST_CONSUMER_SOURCE = {
  batchSize: 10_000,
  maxBatchingWindowSeconds: 5,
  bisectBatchOnError: true,
  retryAttempts: 5,
  maxRecordAgeSeconds: 3600,
  reportBatchItemFailures: true,
  timeoutSeconds: 60,
} as const satisfies StreamSourceSettings;

/**
 * deliver-alerts on the findings table's stream and the inventory table's (new endpoints): big
 * batches gathered for a second, so a storm arrives in few invocations and folds into few digests;
 * the timeout leaves room for backoff and Retry-After within one invocation.
 */
export const ALERT_NOTIFIER_SOURCE = {
  batchSize: 1000,
  maxBatchingWindowSeconds: 1,
  bisectBatchOnError: true,
  retryAttempts: 5,
  // An alert six hours late is no longer news; it goes to the on-failure queue instead.
  maxRecordAgeSeconds: 6 * 3600,
  reportBatchItemFailures: true,
  timeoutSeconds: 300,
} as const satisfies StreamSourceSettings;
