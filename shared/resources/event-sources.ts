/**
 * The event source mappings, defined once: the CDK stack deploys them and the local runner
 * (local/aws) runs the same batching and retry policy, without loading aws-cdk-lib.
 */
export interface StreamSourceSettings {
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly bisectBatchOnError: boolean;
  readonly retryAttempts: number;
  /** Kinesis only: records older than this go to the on-failure destination. */
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

/** finding-changes on the findings table's stream. */
export const FINDING_CHANGES_SOURCE = {
  batchSize: 100,
  maxBatchingWindowSeconds: 1,
  bisectBatchOnError: true,
  retryAttempts: 3,
  reportBatchItemFailures: true,
  timeoutSeconds: 30,
} as const satisfies StreamSourceSettings;
