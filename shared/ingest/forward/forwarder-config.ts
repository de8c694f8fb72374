/** Forwarder configuration, read once at cold start: the stream to write and the tenant's credential. */
import { parseCredential } from '#shared/ingest/credentials';
import { kinesisClient, readSecret, requireEnv } from '#shared/runtime/aws-clients';
import type { ForwarderDeps } from './ship-log.ts';

export async function forwarderDeps(env: NodeJS.ProcessEnv = process.env): Promise<ForwarderDeps> {
  return {
    kinesis: kinesisClient(),
    streamName: requireEnv(env, 'INGEST_STREAM_NAME'),
    credential: parseCredential(await readSecret(env, 'INGEST_CREDENTIAL')),
    now: () => new Date(),
  };
}
