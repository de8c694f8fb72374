/**
 * Packs parsed calls into envelopes that fit Kinesis comfortably (at most 500 calls and about
 * 256 KiB of JSON each; a record may hold 1 MiB). Each envelope holds one host's calls, so the
 * record can be keyed by (tenant, host) and one shard owns a host's templating (see ship-log.ts);
 * quarantined lines travel in envelopes of their own. Idempotency keys depend only on the source,
 * the host and the chunk's position, so resending the same source yields the same keys.
 */
import type { ApiCall } from '#events/api-call.schema';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import type { Quarantined } from '#events/quarantine.schema';

export const MAX_CALLS = 500;
export const MAX_BODY_BYTES = 256 * 1024;
/** Calls held in partly filled envelopes across hosts before the fullest is sent early (memory bound). */
export const MAX_OPEN_CALLS = 5_000;

export interface Packer {
  /** Adds a parsed batch; returns the envelopes that filled up. */
  add(calls: readonly ApiCall[], quarantined: readonly Quarantined[]): IngestEnvelope[];
  /** The partly filled envelopes, if any. */
  flush(): IngestEnvelope[];
}

interface OpenEnvelope {
  calls: ApiCall[];
  quarantined: Quarantined[];
  bytes: number;
  index: number;
}

/** `createPacker('s3://logs/a.gz', 's3://logs/a.gz#etag', now)` */
export function createPacker(origin: string, idempotencyBase: string, now: () => Date): Packer {
  // Keyed by host; QUARANTINE holds lines that never became calls. Map order is first-seen order.
  const open = new Map<string, OpenEnvelope>();
  let openCalls = 0;
  const seal = (group: string, e: OpenEnvelope): IngestEnvelope => {
    const envelope = {
      sentAt: now().toISOString(),
      origin,
      idempotencyKey:
        group === QUARANTINE ? `${idempotencyBase}#q#${e.index}` : `${idempotencyBase}#${group}#${e.index}`,
      calls: e.calls,
      quarantined: e.quarantined,
    };
    openCalls -= e.calls.length;
    e.index++;
    e.calls = [];
    e.quarantined = [];
    e.bytes = 0;
    return envelope;
  };
  const entry = (group: string): OpenEnvelope => {
    let e = open.get(group);
    if (e === undefined) open.set(group, (e = { calls: [], quarantined: [], bytes: 0, index: 0 }));
    return e;
  };
  const full = (e: OpenEnvelope) =>
    e.calls.length + e.quarantined.length >= MAX_CALLS || e.bytes >= MAX_BODY_BYTES;
  return {
    add(newCalls, newQuarantined) {
      const out: IngestEnvelope[] = [];
      for (const call of newCalls) {
        const e = entry(call.host);
        e.calls.push(call);
        e.bytes += estimateBytes(call);
        openCalls++;
        if (full(e)) out.push(seal(call.host, e));
        else if (openCalls > MAX_OPEN_CALLS) {
          // Many hosts at once: send the fullest envelope early rather than hold them all.
          let fullest: [string, OpenEnvelope] | undefined;
          for (const pair of open)
            if (fullest === undefined || pair[1].calls.length > fullest[1].calls.length) fullest = pair;
          out.push(seal(...fullest!));
        }
      }
      for (const line of newQuarantined) {
        const e = entry(QUARANTINE);
        e.quarantined.push(line);
        e.bytes += line.raw.length + 200;
        if (full(e)) out.push(seal(QUARANTINE, e));
      }
      return out;
    },
    flush() {
      const out: IngestEnvelope[] = [];
      for (const [group, e] of open) if (e.calls.length + e.quarantined.length > 0) out.push(seal(group, e));
      return out;
    },
  };
}

const QUARANTINE = '\u0000quarantine';

/** A cheap upper-bound guess of a call's JSON size (exactness is not needed, only a margin). */
function estimateBytes(call: ApiCall): number {
  return 300 + call.path.length + (call.userAgent?.length ?? 0) + (call.queryKeys?.join('').length ?? 0) * 2;
}
