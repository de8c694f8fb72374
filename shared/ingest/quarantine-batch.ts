/**
 * What a consumed batch quarantines, stored and counted once however often the batch is delivered:
 * an envelope's lines only after its claim (never for a duplicate envelope), under keys derived from
 * their source (quarantine-store.ts), and marked on the claim once stored, so a retried batch neither
 * adds a copy nor counts the lines again. A retry after a crash between the write and the mark
 * rewrites the same object; the crashed attempt reported nothing, so the retry's count is the only one.
 * A rejected record has no claim: its object, keyed by its position alone, is its mark.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Quarantined } from '#events/quarantine.schema';
import { redactUrl } from '#shared/url/redact';
import { markStored, type Claim, type StoredPart } from './claim-envelopes.ts';
import type { OpenedBatch, OpenedEnvelope, TenantCall } from './open-records.ts';
import { UNATTRIBUTED } from './quarantine-layout.ts';
import type { QuarantineObject, QuarantineWriter } from './quarantine-store.ts';

export interface QuarantineContext {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly write: QuarantineWriter;
}

/** What `quarantineOpened` newly stored: envelopes' lines, and rejected records no attempt stored yet. */
export interface OpenedQuarantine {
  readonly lines: number;
  readonly rejected: number;
}

/** A call whose endpoint item DynamoDB refused outright. */
export interface RefusedCall {
  readonly member: TenantCall;
  readonly error: unknown;
}

/**
 * Stores the batch's rejected records (one object per record, unless an earlier attempt stored it)
 * and the quarantined lines of envelopes claimed by this batch that no earlier attempt stored;
 * returns how many of each that newly stored.
 */
export async function quarantineOpened(
  ctx: QuarantineContext,
  opened: OpenedBatch,
  claims: ReadonlyMap<string, Claim>,
): Promise<OpenedQuarantine> {
  const pending = opened.envelopes.filter(
    (e) => e.quarantined.length > 0 && isPending(claims.get(e.sequenceNumber)!, 'lines'),
  );
  const written = await ctx.write([
    // No envelope to claim: keyed by the record's position alone (no day), so a redelivery on any
    // day finds its object and neither adds a copy nor counts it again.
    ...opened.rejected.map((r) => ({
      tenant: UNATTRIBUTED,
      source: `rejected:${r.shardId}/${r.sequenceNumber}`,
      lines: [r],
      ifAbsent: true,
    })),
    ...pending.map((e) => ({
      tenant: e.tenant,
      day: claims.get(e.sequenceNumber)!.day,
      source: `envelope:${e.idempotencyKey}`,
      lines: e.quarantined,
    })),
  ]);
  await Promise.all(pending.map((e) => markStored(ctx.doc, ctx.tableName, e, 'lines')));
  return {
    lines: pending.reduce((n, e) => n + e.quarantined.length, 0),
    rejected: written.slice(0, opened.rejected.length).filter(Boolean).length,
  };
}

/**
 * Stores the calls DynamoDB refused, one object per record, and returns how many lines were not
 * stored by an earlier attempt. Written again on a retry (the refused set can change when templates
 * merge between attempts), counted once.
 */
export async function quarantineRefused(
  ctx: QuarantineContext,
  refused: readonly RefusedCall[],
  envelopes: ReadonlyMap<string, OpenedEnvelope>,
  claims: ReadonlyMap<string, Claim>,
): Promise<number> {
  const bySequence = new Map<string, Quarantined[]>();
  for (const { member, error } of refused) {
    let lines = bySequence.get(member.sequenceNumber);
    if (lines === undefined) bySequence.set(member.sequenceNumber, (lines = []));
    lines.push(refusedLine(member, error));
  }
  const objects: QuarantineObject[] = [];
  const unmarked: OpenedEnvelope[] = [];
  let newLines = 0;
  for (const [sequenceNumber, lines] of bySequence) {
    const envelope = envelopes.get(sequenceNumber)!;
    const claim = claims.get(sequenceNumber)!;
    objects.push({
      tenant: envelope.tenant,
      day: claim.day,
      source: `refused:${envelope.shardId}/${sequenceNumber}`,
      lines: lines.sort((a, b) => a.line - b.line),
    });
    if (isPending(claim, 'refused')) {
      unmarked.push(envelope);
      newLines += lines.length;
    }
  }
  await ctx.write(objects);
  await Promise.all(unmarked.map((e) => markStored(ctx.doc, ctx.tableName, e, 'refused')));
  return newLines;
}

function isPending(claim: Claim, part: StoredPart): boolean {
  return claim.status !== 'duplicate' && !claim.stored.has(part);
}

/** A call whose endpoint item DynamoDB refused, kept with the reason (its path redacted). */
function refusedLine(member: TenantCall, error: unknown): Quarantined {
  const { call } = member;
  return {
    tenant: member.tenant,
    format: 'unknown',
    line: member.index + 1,
    reason: `DynamoDB refused the endpoint item: ${(error as Error).message}`.slice(0, 512),
    raw: `${call.method} ${call.host}${redactUrl(call.path)}`.slice(0, 2048),
  };
}
