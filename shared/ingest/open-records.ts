/**
 * First step of the consumer: verify each Kinesis record's signature and attribute its calls to the
 * tenant registered for the signing key. Whatever a record claims about tenants is ignored. Each
 * record is judged alone, and each call in it: a forged record, or one bad call, never fails the
 * batch or the rest of its envelope.
 */
import type { ApiCall } from '#events/api-call.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { validateQuarantined } from '#events/validate';
import { boundCall } from '#shared/logs/bound-call';
import { redactQueryValues, redactUrl } from '#shared/url/redact';
import { claimedKeyId, EnvelopeError, openEnvelope, type OpenOptions } from './envelope.ts';

export interface StreamRecord {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly data: Buffer;
}

export interface TenantCall {
  readonly tenant: string;
  readonly sequenceNumber: string;
  readonly shardId: string;
  /** The call's position in its envelope (0-based): with the record, it names the call across retries. */
  readonly index: number;
  readonly call: ApiCall;
}

export interface OpenedBatch {
  readonly calls: TenantCall[];
  /** Records rejected as a whole (bad signature, unknown key, bad schema): dropped, counted, kept. */
  readonly rejected: { readonly shardId: string; readonly sequenceNumber: string; readonly reason: string }[];
  /** Idempotency keys of the envelopes, per tenant, with the records that carried them. */
  readonly envelopes: OpenedEnvelope[];
}

export interface OpenedEnvelope {
  readonly tenant: string;
  readonly idempotencyKey: string;
  readonly sequenceNumber: string;
  readonly shardId: string;
  /** Lines the forwarders quarantined and calls that break the schema, attributed to the tenant. */
  readonly quarantined: Quarantined[];
}

export interface KeyEntry {
  readonly tenant: string;
  readonly secret: string;
  /** The AWS account the key is bound to: its envelopes must name it as their sender. */
  readonly awsAccount?: string;
}

/** Key id -> tenant and secret; `preload` (optional) looks a batch's key ids up at once. */
export interface KeyResolver {
  (keyId: string): Promise<KeyEntry | undefined>;
  preload?(keyIds: readonly string[]): Promise<void>;
}

/** Opens every record; never throws for bad content (only for infrastructure errors of the resolver). */
export async function openRecords(
  records: readonly StreamRecord[],
  resolveKey: KeyResolver,
  options?: OpenOptions,
): Promise<OpenedBatch> {
  const out: OpenedBatch = { calls: [], rejected: [], envelopes: [] };
  if (resolveKey.preload !== undefined) {
    const ids = new Set<string>();
    for (const record of records) {
      const id = claimedKeyId(record.data);
      if (id !== undefined) ids.add(id);
    }
    await resolveKey.preload([...ids]);
  }
  for (const record of records) {
    let key: KeyEntry | undefined;
    try {
      const opened = await openEnvelope(
        record.data,
        async (keyId) => {
          key = await resolveKey(keyId);
          return key?.secret;
        },
        options,
      );
      const owner = key!.tenant;
      const { envelope } = opened;
      if (key!.awsAccount !== undefined && envelope.senderAccount !== key!.awsAccount)
        throw new EnvelopeError(
          `ingest key ${opened.keyId} is bound to an AWS account; the envelope names no or another sender account`,
        );
      const quarantined: Quarantined[] = [];
      envelope.calls.forEach((raw, index) => {
        const bounded = boundCall(raw);
        if (bounded.ok)
          out.calls.push({
            tenant: owner,
            sequenceNumber: record.sequenceNumber,
            shardId: record.shardId,
            index,
            call: { ...bounded.call, tenant: owner },
          });
        else quarantined.push(quarantinedCall(raw, index, bounded.reason, envelope.origin, owner));
      });
      for (const q of envelope.quarantined)
        quarantined.push(
          validateQuarantined(q)
            ? { ...q, tenant: owner }
            : quarantinedCall(q, 0, 'quarantined line does not match its schema', envelope.origin, owner),
        );
      out.envelopes.push({
        tenant: owner,
        idempotencyKey: envelope.idempotencyKey,
        sequenceNumber: record.sequenceNumber,
        shardId: record.shardId,
        quarantined,
      });
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      out.rejected.push({
        shardId: record.shardId,
        sequenceNumber: record.sequenceNumber,
        reason: error.message.slice(0, 512),
      });
    }
  }
  return out;
}

/** A call the schema refuses, kept like a quarantined line: redacted, truncated, with its reason. */
function quarantinedCall(
  raw: Record<string, unknown>,
  index: number,
  reason: string,
  origin: string,
  tenant: string,
): Quarantined {
  const text = (name: string) => (typeof raw[name] === 'string' ? (raw[name] as string).slice(0, 1024) : '');
  const line = `${text('method')} ${text('host')}${redactUrl(text('path'))}`.slice(0, 2048);
  return {
    tenant,
    format: 'unknown',
    origin: origin.slice(0, 2048),
    line: index + 1,
    reason: reason.slice(0, 512),
    raw: redactQueryValues(line),
  };
}
