/**
 * The forwarders' common path: parsed batches -> envelopes -> signed records -> Kinesis, streamed:
 * parsing goes on while up to `maxInFlight` PutRecords requests are out, so a large log file never
 * sits in memory whole and the network wait overlaps the parsing (bench/forwarder.ts).
 */
import { createHash } from 'node:crypto';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import type { ParsedBatch } from '#shared/logs/parse-log';
import type { IngestCredential } from '../credentials.ts';
import { sealEnvelope } from '../envelope.ts';
import { createPacker } from './pack.ts';
import {
  MAX_BYTES_PER_REQUEST,
  MAX_RECORDS_PER_REQUEST,
  putAllRecords,
  type ShipOptions,
} from './put-records.ts';

/** PutRecords requests out at once: enough to hide the round trip behind parsing, few enough to bound memory (~5 MiB each). */
export const MAX_IN_FLIGHT = 4;

export interface ForwarderDeps {
  readonly kinesis: KinesisClient;
  readonly streamName: string;
  readonly credential: IngestCredential;
  readonly now: () => Date;
  readonly ship?: ShipOptions;
  /** The tenant when the sender knows it (the intake); otherwise the key id, one per tenant and source. */
  readonly partitionScope?: string;
  readonly maxInFlight?: number;
  /** The AWS account the intake authenticated the caller as (IAM route), written into each envelope. */
  readonly senderAccount?: string;
}

export interface ShipStats {
  lines: number;
  calls: number;
  quarantined: number;
  records: number;
}

type Entry = { data: Uint8Array; partitionKey: string };

/** Ships everything `batches` yields; `idempotencyBase` identifies the source (object + etag, stream + first event). */
export async function shipParsedLog(
  batches: AsyncIterable<ParsedBatch>,
  origin: string,
  idempotencyBase: string,
  deps: ForwarderDeps,
): Promise<ShipStats> {
  const packer = createPacker(origin, idempotencyBase, deps.now);
  const stats: ShipStats = { lines: 0, calls: 0, quarantined: 0, records: 0 };
  const scope = deps.partitionScope ?? deps.credential.keyId;
  const maxInFlight = deps.maxInFlight ?? MAX_IN_FLIGHT;
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let request: Entry[] = [];
  let requestBytes = 0;

  const send = async (): Promise<void> => {
    if (request.length === 0) return;
    const records = request;
    request = [];
    requestBytes = 0;
    const put = putAllRecords(deps.kinesis, deps.streamName, records, deps.ship).then(
      () => void (stats.records += records.length),
      (error: unknown) => void (failure ??= { error }),
    );
    inFlight.add(put);
    void put.finally(() => inFlight.delete(put));
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (failure !== undefined) throw failure.error;
  };
  const add = async (envelopes: readonly IngestEnvelope[]): Promise<void> => {
    for (const e of envelopes) {
      const envelope = deps.senderAccount === undefined ? e : { ...e, senderAccount: deps.senderAccount };
      const entry = { data: sealEnvelope(envelope, deps.credential), partitionKey: partitionKeyOf(e, scope) };
      const size = entry.data.byteLength + entry.partitionKey.length;
      if (request.length >= MAX_RECORDS_PER_REQUEST || requestBytes + size > MAX_BYTES_PER_REQUEST)
        await send();
      request.push(entry);
      requestBytes += size;
    }
  };

  try {
    for await (const batch of batches) {
      stats.lines += batch.lines;
      stats.calls += batch.calls.length;
      stats.quarantined += batch.quarantined.length;
      await add(packer.add(batch.calls, batch.quarantined));
    }
    await add(packer.flush());
    await send();
  } finally {
    // Never leave requests running behind a thrown error: they would land after the caller gave up.
    await Promise.all(inFlight);
  }
  if (failure !== undefined) throw failure.error;
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
