/**
 * Source-level deduplication. ALB may deliver a log file twice and a forwarder may resend after a
 * partial PutRecords: the same envelope then arrives in a new Kinesis record. Each envelope claims its
 * idempotency key with a conditional put (kept 7 days); a claim by another record means a duplicate.
 * A claim by the same record (Kinesis redelivery) passes, and per-item watermarks take over from there.
 * Window left open: if the first record exhausts its retries (it then sits in the on-failure
 * destination) a later duplicate is skipped; replaying the on-failure destination recovers it.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

/** Claims each envelope; returns the sequence numbers of records that are duplicates of earlier ones. */
export async function claimEnvelopes(
  doc: DynamoDBDocumentClient,
  tableName: string,
  envelopes: readonly { tenant: string; idempotencyKey: string; sequenceNumber: string }[],
  now: Date,
): Promise<Set<string>> {
  const duplicates = new Set<string>();
  await Promise.all(
    envelopes.map(async ({ tenant, idempotencyKey, sequenceNumber }) => {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              pk: inventoryKeys.partition(tenant),
              sk: inventoryKeys.idempotency(claimKey(idempotencyKey)),
              seq: sequenceNumber,
              expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR seq = :seq',
            ExpressionAttributeValues: { ':seq': sequenceNumber },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        duplicates.add(sequenceNumber);
      }
    }),
  );
  return duplicates;
}
