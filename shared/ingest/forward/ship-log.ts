/**
 * The forwarders' common path: parsed batches -> envelopes -> signed records -> Kinesis, chunk by
 * chunk, so a large log file never sits in memory whole.
 */
import { createHash } from 'node:crypto';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
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
      // Spread chunks of one source over shards; the key is deterministic for retries.
      partitionKey: createHash('sha256').update(e.idempotencyKey).digest('hex').slice(0, 32),
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
