/**
 * Where the scheduled tenant-wide assessment goes on next run: the tenant to start with (so tenants a
 * run did not reach go first next time) and, per tenant that ran out of its time budget, the finding
 * id its writes resume from. One item in the findings table, outside every tenant's partition.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { assessmentKeys } from '#shared/tables/keys';
import type { FindingsTable } from './store.ts';

export interface AssessmentCursor {
  /** The first tenant of the next run (in sorted order, wrapping); none: start at the first. */
  readonly next?: string;
  /** Tenant -> finding id its next assessment starts writing at. */
  readonly resume: Readonly<Record<string, string>>;
}

const KEY = { pk: assessmentKeys.partition, sk: assessmentKeys.cursor };

export async function readAssessmentCursor(table: FindingsTable): Promise<AssessmentCursor> {
  const { Item } = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: KEY, ConsistentRead: true }),
  );
  return {
    ...(typeof Item?.next === 'string' && { next: Item.next }),
    resume: (Item?.resume as Record<string, string> | undefined) ?? {},
  };
}

/** Last writer wins: runs are scheduled one at a time, and a lost cursor only costs fairness. */
export async function writeAssessmentCursor(table: FindingsTable, cursor: AssessmentCursor): Promise<void> {
  await table.doc.send(new PutCommand({ TableName: table.tableName, Item: { ...KEY, ...cursor } }));
}
