/**
 * Delivery records: what makes delivery idempotent when the stream redelivers. Before an event is
 * sent to an integration it is claimed (a conditional write on `DELIVERY#<integration>#<event>`);
 * a claim that exists and is done, or still leased by a live invocation, means "already handled".
 * Outcomes are recorded, and given-up deliveries become dead letters with their reason and body.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchGetCommandOutput,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { queryPrefix } from '#shared/tables/query-prefix';
import { alertKeys } from '#shared/tables/keys';
import type { PlannedEvent } from './alert-events.ts';
import type { DeliveryOutcome } from './deliver.ts';

export interface AlertsTable {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

const DAY_S = 86_400;
/** Longer than any stream retention (DynamoDB streams keep 24 h). */
const RECORD_TTL_S = 7 * DAY_S;
const DEAD_LETTER_TTL_S = 14 * DAY_S;

const expires = (now: Date, seconds: number) => Math.floor(now.getTime() / 1000) + seconds;

/** Claims (integration, event) for sending until `leaseUntil`; false when it is already handled. */
export async function claimDelivery(
  table: AlertsTable,
  tenant: string,
  integrationId: string,
  eventId: string,
  now: Date,
  leaseUntil: number,
): Promise<boolean> {
  try {
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          pk: alertKeys.partition(tenant),
          sk: alertKeys.delivery(integrationId, eventId),
          state: 'sending',
          leaseUntil,
          expiresAt: expires(now, RECORD_TTL_S),
        },
        // A lapsed lease means the invocation that claimed it died mid-send: take over (the same
        // webhook-id lets the receiver drop a copy it did get).
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': now.getTime() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Records how a claimed delivery ended. */
export async function completeDelivery(
  table: AlertsTable,
  tenant: string,
  integrationId: string,
  eventId: string,
  outcome: DeliveryOutcome,
  now: Date,
): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: alertKeys.partition(tenant), sk: alertKeys.delivery(integrationId, eventId) },
      UpdateExpression: 'SET #state = :state, attempts = :attempts, finishedAt = :at REMOVE leaseUntil',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': outcome.kind === 'delivered' ? 'delivered' : 'dead',
        ':attempts': outcome.attempts,
        ':at': now.toISOString(),
      },
    }),
  );
}

/** The events of `eventIds` already handled for the integration (done, or leased at `now`). */
export async function handledEvents(
  table: AlertsTable,
  tenant: string,
  integrationId: string,
  eventIds: readonly string[],
  now: Date,
): Promise<Set<string>> {
  const handled = new Set<string>();
  const pk = alertKeys.partition(tenant);
  const unique = [...new Set(eventIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = unique
      .slice(i, i + 100)
      .map((id) => ({ pk, sk: alertKeys.delivery(integrationId, id) }));
    for (let attempt = 0; keys !== undefined && keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const page: BatchGetCommandOutput = await table.doc.send(
        new BatchGetCommand({ RequestItems: { [table.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of page.Responses?.[table.tableName] ?? []) {
        const leased = item.state === 'sending' && (item.leaseUntil as number) >= now.getTime();
        if (item.state !== 'sending' || leased) handled.add((item.sk as string).split('#')[2]!);
      }
      keys = page.UnprocessedKeys?.[table.tableName]?.Keys;
    }
  }
  return handled;
}

/** Marks events folded into a digest as handled, so a redelivered batch does not send them again. */
export async function markDigested(
  table: AlertsTable,
  tenant: string,
  integrationId: string,
  eventIds: readonly string[],
  digestId: string,
  now: Date,
): Promise<void> {
  const pk = alertKeys.partition(tenant);
  for (let i = 0; i < eventIds.length; i += 25) {
    let requests: Record<string, unknown>[] | undefined = eventIds.slice(i, i + 25).map((id) => ({
      PutRequest: {
        Item: {
          pk,
          sk: alertKeys.delivery(integrationId, id),
          state: 'digested',
          digest: digestId,
          expiresAt: expires(now, RECORD_TTL_S),
        },
      },
    }));
    for (let attempt = 0; requests !== undefined && requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const result = await table.doc.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }),
      );
      requests = result.UnprocessedItems?.[table.tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

export interface DeadLetter {
  readonly at: string;
  readonly integrationId: string;
  readonly eventId: string;
  readonly type: string;
  readonly reason: string;
  readonly attempts: number;
  readonly status?: number;
  /** The event as it would have been sent, for a replay. */
  readonly event: PlannedEvent['body'];
}

/** Keeps a given-up delivery with its reason (14 days). */
export async function recordDeadLetter(
  table: AlertsTable,
  tenant: string,
  letter: DeadLetter,
  now: Date,
): Promise<void> {
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        pk: alertKeys.partition(tenant),
        sk: alertKeys.deadLetter(letter.at, letter.integrationId, letter.eventId),
        ...letter,
        expiresAt: expires(now, DEAD_LETTER_TTL_S),
      },
    }),
  );
}

/** A tenant's dead letters, oldest first. */
export async function listDeadLetters(table: AlertsTable, tenant: string): Promise<DeadLetter[]> {
  const items = await queryPrefix(table.doc, table.tableName, tenant, alertKeys.deadLetterPrefix());
  return items.map(({ pk: _pk, sk: _sk, expiresAt: _e, ...letter }) => letter as unknown as DeadLetter);
}
