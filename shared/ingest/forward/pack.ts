/**
 * Packs parsed calls into envelopes that fit Kinesis comfortably (at most 500 calls and about
 * 256 KiB of JSON each; a record may hold 1 MiB), with idempotency keys that depend only on the
 * source and the chunk's position, so resending the same source yields the same keys.
 */
import type { ApiCall } from '#events/api-call.schema';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import type { Quarantined } from '#events/quarantine.schema';

export const MAX_CALLS = 500;
export const MAX_BODY_BYTES = 256 * 1024;

export interface Packer {
  /** Adds a parsed batch; returns the envelopes that filled up. */
  add(calls: readonly ApiCall[], quarantined: readonly Quarantined[]): IngestEnvelope[];
  /** The last, partly filled envelope, if any. */
  flush(): IngestEnvelope[];
}

/** `createPacker('s3://logs/a.gz', 's3://logs/a.gz#etag', now)` */
export function createPacker(origin: string, idempotencyBase: string, now: () => Date): Packer {
  let index = 0;
  let calls: ApiCall[] = [];
  let quarantined: Quarantined[] = [];
  let bytes = 0;
  const seal = (): IngestEnvelope => {
    const envelope = {
      sentAt: now().toISOString(),
      origin,
      idempotencyKey: `${idempotencyBase}#${index++}`,
      calls,
      quarantined,
    };
    calls = [];
    quarantined = [];
    bytes = 0;
    return envelope;
  };
  const full = () => calls.length + quarantined.length >= MAX_CALLS || bytes >= MAX_BODY_BYTES;
  return {
    add(newCalls, newQuarantined) {
      const out: IngestEnvelope[] = [];
      for (const call of newCalls) {
        calls.push(call);
        bytes += estimateBytes(call);
        if (full()) out.push(seal());
      }
      for (const line of newQuarantined) {
        quarantined.push(line);
        bytes += line.raw.length + 200;
        if (full()) out.push(seal());
      }
      return out;
    },
    flush() {
      return calls.length + quarantined.length > 0 ? [seal()] : [];
    },
  };
}

/** A cheap upper-bound guess of a call's JSON size (exactness is not needed, only a margin). */
function estimateBytes(call: ApiCall): number {
  return 300 + call.path.length + (call.userAgent?.length ?? 0) + (call.queryKeys?.join('').length ?? 0) * 2;
}
