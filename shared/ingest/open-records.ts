/**
 * First step of the consumer: verify each Kinesis record's signature and attribute its calls to the
 * tenant registered for the signing key. Whatever a record claims about tenants is ignored.
 */
import type { ApiCall } from '#events/api-call.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { EnvelopeError, openEnvelope } from './envelope.ts';

export interface StreamRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly data: Buffer;
}

export interface TenantCall {
  readonly tenant: string;
  readonly sequenceNumber: string;
  readonly shardId: string;
  readonly call: ApiCall;
}

export interface OpenedBatch {
  readonly calls: TenantCall[];
  /** Lines the forwarders quarantined, now attributed to their tenant. */
  readonly quarantined: Quarantined[];
  /** Records rejected as a whole (bad signature, unknown key, bad schema): dropped, counted, kept. */
  readonly rejected: { readonly sequenceNumber: string; readonly reason: string }[];
  /** Idempotency keys of the envelopes, per tenant, with the records that carried them. */
  readonly envelopes: {
    readonly tenant: string;
    readonly idempotencyKey: string;
    readonly sequenceNumber: string;
  }[];
}

export type KeyResolver = (keyId: string) => Promise<{ tenant: string; secret: string } | undefined>;

/** Opens every record; never throws for bad content (only for infrastructure errors of the resolver). */
export async function openRecords(
  records: readonly StreamRecord[],
  resolveKey: KeyResolver,
): Promise<OpenedBatch> {
  const out: OpenedBatch = { calls: [], quarantined: [], rejected: [], envelopes: [] };
  for (const record of records) {
    let tenant: string | undefined;
    try {
      const opened = await openEnvelope(record.data, async (keyId) => {
        const entry = await resolveKey(keyId);
        tenant = entry?.tenant;
        return entry?.secret;
      });
      const owner = tenant!;
      for (const call of opened.envelope.calls) {
        out.calls.push({
          tenant: owner,
          sequenceNumber: record.sequenceNumber,
          shardId: record.shardId,
          call: { ...call, tenant: owner },
        });
      }
      for (const q of opened.envelope.quarantined) out.quarantined.push({ ...q, tenant: owner });
      out.envelopes.push({
        tenant: owner,
        idempotencyKey: opened.envelope.idempotencyKey,
        sequenceNumber: record.sequenceNumber,
      });
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      out.rejected.push({ sequenceNumber: record.sequenceNumber, reason: error.message });
    }
  }
  return out;
}
