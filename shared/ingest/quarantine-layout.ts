/**
 * Where rejected records are kept in the quarantine bucket, read by the consumer (quarantine-store.ts)
 * and by the CDK grant that lets it check for them (infra/saas/ingest-consumer.ts).
 */

/** Not a tenant id (those start with a letter or digit), so no tenant's prefix can hold these. */
export const UNATTRIBUTED = '_unattributed';

/** The keys of records that failed verification: `quarantine/_unattributed/<hash>.jsonl`. */
export const UNATTRIBUTED_PREFIX = `quarantine/${UNATTRIBUTED}/`;
