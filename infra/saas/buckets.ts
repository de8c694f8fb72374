/**
 * The SaaS stack's buckets: quarantined log lines, records the consumer gave up on, and the access
 * log of both. All private, TLS-only, S3-managed encryption, and short-lived by lifecycle.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export const QUARANTINE_EXPIRY_DAYS = 30;

export class IngestBuckets extends Construct {
  /** Redacted lines the parsers could not read, kept for diagnosis (shared/ingest/quarantine-store.ts). */
  readonly quarantine: Bucket;
  /** Whole Kinesis records the event source mapping discarded after its retries (on-failure destination). */
  readonly failedRecords: Bucket;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.accessLogs = privateBucket(this, 'AccessLogs', 90);
    this.quarantine = privateBucket(this, 'Quarantine', QUARANTINE_EXPIRY_DAYS, this.accessLogs);
    // Failed records hold whole envelopes (calls of a tenant): keep them long enough to replay after
    // a fix, not forever.
    this.failedRecords = privateBucket(this, 'FailedRecords', 14, this.accessLogs);
  }
}

function privateBucket(scope: Construct, id: string, expiryDays: number, accessLogs?: Bucket): Bucket {
  return new Bucket(scope, id, {
    // S3-managed keys: the on-failure destination and S3 server access logging both write here
    // without a key grant, and nothing in these buckets is shared across accounts.
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    versioned: false,
    lifecycleRules: [
      {
        id: 'expire',
        expiration: Duration.days(expiryDays),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ],
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: accessLogs === undefined ? undefined : `${id}/`,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
