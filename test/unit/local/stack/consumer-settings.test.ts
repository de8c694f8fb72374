import { describe, it, expect } from '@jest/globals';
import { CONSUMER_SETTINGS } from '#infra/saas/ingest-consumer';
import { LOCAL_CONSUMER_SETTINGS } from '#local/stack/consumer-settings';

describe('LOCAL_CONSUMER_SETTINGS', () => {
  it('matches the event source mapping the CDK stack deploys', () => {
    expect(LOCAL_CONSUMER_SETTINGS).toMatchObject({
      batchSize: CONSUMER_SETTINGS.batchSize,
      maximumBatchingWindowMs: CONSUMER_SETTINGS.maxBatchingWindow.toMilliseconds(),
      policy: {
        maximumRetryAttempts: CONSUMER_SETTINGS.retryAttempts,
        maximumRecordAgeSeconds: CONSUMER_SETTINGS.maxRecordAge.toSeconds(),
      },
      timeoutMs: CONSUMER_SETTINGS.timeout.toMilliseconds(),
    });
  });
});
