/**
 * Source-level deduplication. ALB may deliver a log file twice and a forwarder may resend after a
 * partial PutRecords: the same envelope then arrives in a new Kinesis record. Each envelope claims its
 * idempotency key with a conditional put (kept 7 days); a claim by another record means a duplicate.
 * A claim by the same record (Kinesis redelivery) passes as a retry, and per-item watermarks take
 * over from there. The claim also remembers whether the envelope's quarantined lines were stored, so
 * a retry neither stores nor counts them again.
 * Window left open: if the first record exhausts its retries (it then sits in the on-failure
 * destination) a later duplicate is skipped; replaying the on-failure destination recovers it.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inventoryKeys } from '#shared/tables/keys';

/** How long a claim is kept: envelopes signed longer ago are refused (envelope.ts), never re-applied. */
export const IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600;
const TTL_SECONDS = IDEMPOTENCY_TTL_SECONDS;
/** Keys past this many bytes are claimed by their hash: a sort key holds at most 1,024. */
const MAX_KEY_BYTES = 400;

function claimKey(idempotencyKey: string): string {
  if (Buffer.byteLength(idempotencyKey) <= MAX_KEY_BYTES) return idempotencyKey;
  return `sha256:${createHash('sha256').update(idempotencyKey).digest('hex')}`;
}

export interface EnvelopeRef {
  readonly tenant: string;
  readonly idempotencyKey: string;
  readonly sequenceNumber: string;
}

/** What the consumer stored for a claimed envelope; set once stored, so retries skip it. */
export type StoredPart = 'lines' | 'refused';

export interface Claim {
  /** `new`: first claim; `retry`: claimed before by this same record; `duplicate`: by another record. */
  readonly status: 'new' | 'retry' | 'duplicate';
  /** The UTC day of the first claim (`2026-12-02`): quarantine objects of the envelope live under it. */
  readonly day: string;
  /** Parts already stored by an earlier attempt (always empty for `new` and `duplicate`). */
  readonly stored: ReadonlySet<StoredPart>;
}

const ATTRIBUTE: Record<StoredPart, string> = { lines: 'linesStored', refused: 'refusedStored' };

/** Claims each envelope; returns each record's claim by sequence number. */
export async function claimEnvelopes(
  doc: DynamoDBDocumentClient,
  tableName: string,
  envelopes: readonly EnvelopeRef[],
  now: Date,
): Promise<Map<string, Claim>> {
  const claims = new Map<string, Claim>();
  const today = now.toISOString().slice(0, 10);
  await Promise.all(
    envelopes.map(async ({ tenant, idempotencyKey, sequenceNumber }) => {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...claimItemKey(tenant, idempotencyKey),
              seq: sequenceNumber,
              claimedAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
            // The existing claim tells a retry of this record from a duplicate, and what was stored.
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        claims.set(sequenceNumber, { status: 'new', day: today, stored: new Set() });
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        claims.set(sequenceNumber, earlierClaim(error.Item, sequenceNumber, today));
      }
    }),
  );
  return claims;
}

/** Records that an envelope's part is stored; call after the write succeeded. */
export async function markStored(
  doc: DynamoDBDocumentClient,
  tableName: string,
  envelope: EnvelopeRef,
  part: StoredPart,
): Promise<void> {
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: claimItemKey(envelope.tenant, envelope.idempotencyKey),
        UpdateExpression: 'SET #stored = :true',
        // Only this record's claim: a claim that expired and was taken by another record stays as is.
        ConditionExpression: 'seq = :seq',
        ExpressionAttributeNames: { '#stored': ATTRIBUTE[part] },
        ExpressionAttributeValues: { ':true': true, ':seq': envelope.sequenceNumber },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

function claimItemKey(tenant: string, idempotencyKey: string): { pk: string; sk: string } {
  return { pk: inventoryKeys.partition(tenant), sk: inventoryKeys.idempotency(claimKey(idempotencyKey)) };
}

/**
 * The claim an earlier record made. The document client does not unmarshall an exception's `Item`
 * (it is typed as attribute values); quarantine-once.test.ts fails if that changes, since a retry
 * would then read as a duplicate.
 */
function earlierClaim(item: Record<string, AttributeValue> | undefined, seq: string, today: string): Claim {
  const old = item === undefined ? {} : unmarshall(item);
  if (old.seq !== seq) return { status: 'duplicate', day: today, stored: new Set() };
  const stored = new Set<StoredPart>();
  for (const part of ['lines', 'refused'] as const) if (old[ATTRIBUTE[part]] === true) stored.add(part);
  // Claims written before `claimedAt` existed: today is the best remaining guess.
  const day = typeof old.claimedAt === 'string' ? old.claimedAt.slice(0, 10) : today;
  return { status: 'retry', day, stored };
}
