/**
 * Writes a batch's aggregates: one delta per endpoint and per host, each exactly once per record
 * range (see store/apply-delta.ts). A group whose records were partly applied before is re-aggregated
 * from the records after the item's watermark.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApiCall } from '#events/api-call.schema';
import { applyItemDelta, type ItemDelta } from '#shared/inventory/store/apply-delta';
import { sortableSequence } from '#shared/inventory/store/watermark';
import type { TenantCall } from './open-records.ts';

export interface CallGroup {
  readonly build: (calls: readonly ApiCall[]) => ItemDelta;
  readonly members: TenantCall[];
  /** Called when the item did not exist before this write. */
  readonly onCreated?: () => void;
}

const CONCURRENCY = 16;

/**
 * DynamoDB refused the request itself (a key or item over its limits, a bad value): the same write
 * fails every time, so it is final for its group, never a reason to retry the batch.
 */
export function isFinalWriteError(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'ValidationException';
}

/**
 * Applies every group; returns the sequence numbers of records whose writes failed and should be
 * retried. A group refused for good goes to `onRefused` instead (its records are not retried).
 */
export async function applyGroups(
  doc: DynamoDBDocumentClient,
  tableName: string,
  groups: readonly CallGroup[],
  onError: (error: unknown) => void,
  onRefused?: (group: CallGroup, error: unknown) => void,
): Promise<Set<string>> {
  const failed = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      const group = groups[next++]!;
      try {
        await applyGroup(doc, tableName, group);
      } catch (error) {
        onError(error);
        if (onRefused !== undefined && isFinalWriteError(error)) onRefused(group, error);
        else for (const m of group.members) failed.add(m.sequenceNumber);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, groups.length) }, worker));
  return failed;
}

async function applyGroup(doc: DynamoDBDocumentClient, tableName: string, group: CallGroup): Promise<void> {
  let members = group.members;
  for (let attempt = 0; attempt < 3 && members.length > 0; attempt++) {
    let first = members[0]!.sequenceNumber;
    let last = first;
    for (const m of members) {
      if (sortableSequence(m.sequenceNumber) < sortableSequence(first)) first = m.sequenceNumber;
      if (sortableSequence(m.sequenceNumber) > sortableSequence(last)) last = m.sequenceNumber;
    }
    const delta = group.build(members.map((m) => m.call));
    const outcome = await applyItemDelta(doc, tableName, delta, {
      shardId: members[0]!.shardId,
      firstSequence: first,
      lastSequence: last,
    });
    if (outcome.kind === 'created') group.onCreated?.();
    if (outcome.kind !== 'overlap') return;
    const watermark = sortableSequence(outcome.watermark);
    members = members.filter((m) => sortableSequence(m.sequenceNumber) > watermark);
  }
  if (members.length > 0) throw new WatermarkOverlapError();
}

export class WatermarkOverlapError extends Error {
  constructor() {
    super('Records kept overlapping an item watermark; the batch will be retried');
    this.name = 'WatermarkOverlapError';
  }
}
