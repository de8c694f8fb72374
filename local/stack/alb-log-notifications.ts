/**
 * Plays the customers' ALB forwarders: an object in the local ALB log bucket under `<tenant>/...`
 * (one prefix per simulated customer account) is forwarded by the real forwarder code, on the real
 * S3Event shape, with that tenant's credential. Wire it with `attachS3Notifications`.
 */
import type { S3Event } from 'aws-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { decodeS3Key, forwardS3Objects } from '#shared/ingest/forward/s3-object';
import type { IngestCredential } from '#shared/ingest/credentials';

export interface TenantAlbForwarderDeps {
  readonly s3: S3Client;
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly credentialFor: (tenant: string) => Promise<IngestCredential>;
  readonly log: (message: string) => void;
}

export function tenantAlbForwarder(deps: TenantAlbForwarderDeps): (event: S3Event) => Promise<void> {
  return async (event) => {
    for (const record of event.Records) {
      const key = decodeS3Key(record.s3.object.key);
      const tenant = key.split('/')[0]!;
      const credential = await deps.credentialFor(tenant);
      const forwarder = {
        kinesis: deps.kinesis,
        streamName: deps.streamName,
        credential,
        now: () => new Date(),
      };
      const [stats] = await forwardS3Objects({ Records: [record] }, deps.s3, forwarder);
      deps.log(
        `forwarded ${key} for ${tenant}: ${stats?.calls ?? 0} calls, ${stats?.quarantined ?? 0} quarantined`,
      );
    }
  };
}
