/**
 * The ingest consumer's event source mapping in the local runner's terms, derived from the one
 * definition the CDK stack deploys (shared/resources/event-sources.ts).
 */
import { INGEST_CONSUMER_SOURCE as source } from '#shared/resources/event-sources';

export const LOCAL_CONSUMER_SETTINGS = {
  batchSize: source.batchSize,
  maximumBatchingWindowMs: source.maxBatchingWindowSeconds * 1000,
  policy: {
    bisectBatchOnError: source.bisectBatchOnError,
    maximumRetryAttempts: source.retryAttempts,
    maximumRecordAgeSeconds: source.maxRecordAgeSeconds,
    reportBatchItemFailures: source.reportBatchItemFailures,
  },
  timeoutMs: source.timeoutSeconds * 1000,
} as const;
