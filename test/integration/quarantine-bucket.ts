/**
 * The consumer's real quarantine (s3Quarantine into the local stack's quarantine bucket on s3rver,
 * as functions/ingest-api-calls.ts builds it) and a reader for what landed there, so tests assert
 * on stored quarantine entries instead of discarding them.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { s3Quarantine, type QuarantineWriter } from '#shared/ingest/quarantine-store';
import { localEnv } from './local-env.ts';

export function bucketQuarantine(): QuarantineWriter {
  const { clients, names } = localEnv();
  return s3Quarantine(clients.s3, names.quarantineBucket);
}

/** Every JSON line stored under `quarantine/<tenant>/` (`_unattributed` for rejected records). */
export async function quarantinedFor(tenant: string): Promise<Record<string, unknown>[]> {
  const { clients, names } = localEnv();
  const entries: Record<string, unknown>[] = [];
  let token: string | undefined;
  do {
    const listed = await clients.s3.send(
      new ListObjectsV2Command({
        Bucket: names.quarantineBucket,
        Prefix: `quarantine/${tenant}/`,
        ContinuationToken: token,
      }),
    );
    for (const object of listed.Contents ?? []) {
      const got = await clients.s3.send(
        new GetObjectCommand({ Bucket: names.quarantineBucket, Key: object.Key! }),
      );
      const body = await got.Body!.transformToString();
      for (const line of body.split('\n'))
        if (line !== '') entries.push(JSON.parse(line) as Record<string, unknown>);
    }
    token = listed.NextContinuationToken;
  } while (token !== undefined);
  return entries;
}
