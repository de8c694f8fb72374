/**
 * The ingest consumer's event source mapping, as infra/runtime/ingest-consumer.ts deploys it.
 * Mirrored rather than imported so `npm start` does not load aws-cdk-lib; a unit test
 * (test/unit/local/consumer-settings.test.ts) fails if the two drift apart.
 */
export const LOCAL_CONSUMER_SETTINGS = {
  batchSize: 10_000,
  maximumBatchingWindowMs: 5_000,
  policy: {
    bisectBatchOnError: true,
    maximumRetryAttempts: 5,
    maximumRecordAgeSeconds: 3600,
    reportBatchItemFailures: true,
  },
  timeoutMs: 60_000,
} as const;
