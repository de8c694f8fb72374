/**
 * The forwarders' common path: parsed batches -> envelopes -> signed records -> Kinesis, chunk by
 * chunk, so a large log file never sits in memory whole.
 */
import { createHash } from 'node:crypto';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import type { ParsedBatch } from '#shared/logs/parse-log';
import type { IngestCredential } from '../credentials.ts';
import { sealEnvelope } from '../envelope.ts';
import { createPacker } from './pack.ts';
import { putAllRecords, type ShipOptions } from './put-records.ts';

export interface ForwarderDeps {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly credential: IngestCredential;
  readonly now: () => Date;
  readonly ship?: ShipOptions;
  /** The tenant when the sender knows it (the intake); otherwise the key id, one per tenant and source. */
  readonly partitionScope?: string;
}

export interface ShipStats {
  lines: number;
  calls: number;
  quarantined: number;
  records: number;
}

/** Ships everything `batches` yields; `idempotencyBase` identifies the source (object + etag, stream + first event). */
export async function shipParsedLog(
  batches: AsyncIterable<ParsedBatch>,
  origin: string,
  idempotencyBase: string,
  deps: ForwarderDeps,
): Promise<ShipStats> {
  const packer = createPacker(origin, idempotencyBase, deps.now);
  const stats: ShipStats = { lines: 0, calls: 0, quarantined: 0, records: 0 };
  const ship = async (envelopes: ReturnType<typeof packer.flush>): Promise<void> => {
    if (envelopes.length === 0) return;
    const records = envelopes.map((e) => ({
      data: sealEnvelope(e, deps.credential),
      partitionKey: partitionKeyOf(e, deps.partitionScope ?? deps.credential.keyId),
    }));
    await putAllRecords(deps.kinesis, deps.streamName, records, deps.ship);
    stats.records += records.length;
  };
  for await (const batch of batches) {
    stats.lines += batch.lines;
    stats.calls += batch.calls.length;
    stats.quarantined += batch.quarantined.length;
    await ship(packer.add(batch.calls, batch.quarantined));
  }
  await ship(packer.flush());
  return stats;
}

/**
 * Records of one host of one tenant share a partition key, so one shard (one consumer at a time)
 * owns the host's templating state: no conflicts between shards, and a host's calls in order.
 * Envelopes of quarantined lines only are spread by their idempotency key.
 */
export function partitionKeyOf(envelope: IngestEnvelope, scope: string): string {
  const host = envelope.calls[0]?.host;
  const key = host === undefined ? envelope.idempotencyKey : `${scope}\u0000${host}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
