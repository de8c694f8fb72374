/**
 * Applies one aggregate ("delta") to one inventory item exactly once per Kinesis record range.
 *
 * Each item remembers, per shard, the highest sequence number applied (`w_<shard>`), and the update
 * is conditioned on the delta starting above it: a redelivered batch fails the condition and is
 * skipped, so replays never double count. Counters are ADDed in that one conditional UpdateItem.
 * Values DynamoDB cannot merge in an expression (min/max, HyperLogLog registers, samples) are fixed
 * by a second, version-checked update only when the first one's old image shows they changed,
 * which after warm-up is rare: about one write per aggregate.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sortableSequence, watermarkAttribute } from './watermark.ts';
import { mergeMonotone, type MonotoneFields } from './monotone.ts';

export interface ItemDelta {
  readonly key: Record<string, string>;
  /** Written when the item is created (host, method, template...). */
  readonly identity: Record<string, string | number>;
  /** Attributes to ADD: calls, status classes, byte and latency sums, auth scheme counts. */
  readonly counters: Record<string, number>;
  /** Attributes to SET on every write (e.g. `updatedAt`). */
  readonly latest?: Record<string, string | number>;
  readonly monotone: MonotoneFields;
  /** Attributes of the stored item to drop (expired day counters); removing twice changes nothing. */
  readonly stale?: (item: Record<string, unknown>) => string[];
}

export interface RecordRange {
  readonly shardId: string;
  readonly firstSequence: string;
  readonly lastSequence: string;
}

export type DeltaOutcome =
  | { readonly kind: 'created' | 'updated' }
  | { readonly kind: 'duplicate' }
  /** Part of the range was applied before: re-aggregate the records after `watermark` and retry. */
  | { readonly kind: 'overlap'; readonly watermark: string };

const MAX_FIX_ATTEMPTS = 5;

/** Applies `delta` to the item at `delta.key` unless the record range was applied already. */
export async function applyItemDelta(
  doc: DynamoDBDocumentClient,
  tableName: string,
  delta: ItemDelta,
  range: RecordRange,
): Promise<DeltaOutcome> {
  const w = watermarkAttribute(range.shardId);
  const names: Record<string, string> = { '#w': w, '#ver': 'ver' };
  const values: Record<string, unknown> = {
    ':first': sortableSequence(range.firstSequence),
    ':last': sortableSequence(range.lastSequence),
    ':one': 1,
  };
  const sets = ['#w = :last'];
  const adds = ['#ver :one'];
  let i = 0;
  for (const [attr, value] of Object.entries(delta.identity)) {
    names[`#i${i}`] = attr;
    values[`:i${i}`] = value;
    sets.push(`#i${i} = if_not_exists(#i${i}, :i${i})`);
    i++;
  }
  for (const [attr, value] of Object.entries(delta.latest ?? {})) {
    names[`#l${i}`] = attr;
    values[`:l${i}`] = value;
    sets.push(`#l${i} = :l${i}`);
    i++;
  }
  for (const [attr, value] of Object.entries(delta.counters)) {
    if (value === 0) continue;
    names[`#c${i}`] = attr;
    values[`:c${i}`] = value;
    adds.push(`#c${i} :c${i}`);
    i++;
  }
  try {
    const result = await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: delta.key,
        UpdateExpression: `SET ${sets.join(', ')} ADD ${adds.join(', ')}`,
        ConditionExpression: 'attribute_not_exists(#w) OR #w < :first',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_OLD',
      }),
    );
    const old = result.Attributes;
    await fixMonotone(doc, tableName, delta, old, ((old?.ver as number | undefined) ?? 0) + 1);
    return { kind: old === undefined ? 'created' : 'updated' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = await doc.send(
      new GetCommand({ TableName: tableName, Key: delta.key, ConsistentRead: true }),
    );
    const watermark = String(current.Item?.[w] ?? '');
    if (watermark >= sortableSequence(range.lastSequence)) {
      // A crash may have come between the counters and their fix: redo the (idempotent) fix.
      await fixMonotone(doc, tableName, delta, current.Item, (current.Item?.ver as number | undefined) ?? 0);
      return { kind: 'duplicate' };
    }
    return { kind: 'overlap', watermark: watermark.replace(/^0+(?=\d)/, '') };
  }
}

/**
 * Second write, only when min/max/sketch/sample values moved or attributes expired; retried against
 * the current item.
 */
async function fixMonotone(
  doc: DynamoDBDocumentClient,
  tableName: string,
  delta: ItemDelta,
  old: Record<string, unknown> | undefined,
  version: number,
): Promise<void> {
  let item = old;
  let expected = version;
  for (let attempt = 0; attempt < MAX_FIX_ATTEMPTS; attempt++) {
    const changes = mergeMonotone(item, delta.monotone);
    const stale = item === undefined ? [] : (delta.stale?.(item) ?? []);
    if (Object.keys(changes).length === 0 && stale.length === 0) return;
    const names: Record<string, string> = { '#ver': 'ver' };
    const values: Record<string, unknown> = { ':expected': expected, ':one': 1 };
    const sets = Object.entries(changes).map(([attr, value], n) => {
      names[`#m${n}`] = attr;
      values[`:m${n}`] = value;
      return `#m${n} = :m${n}`;
    });
    const removes = stale.map((attr, n) => {
      names[`#r${n}`] = attr;
      return `#r${n}`;
    });
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: delta.key,
          UpdateExpression: [
            sets.length > 0 ? `SET ${sets.join(', ')}` : '',
            'ADD #ver :one',
            removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
          ].join(' '),
          ConditionExpression: '#ver = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await doc.send(
        new GetCommand({ TableName: tableName, Key: delta.key, ConsistentRead: true }),
      );
      item = current.Item;
      expected = (item?.ver as number | undefined) ?? 0;
    }
  }
  throw new ConcurrentUpdateError(JSON.stringify(delta.key));
}

export class ConcurrentUpdateError extends Error {
  constructor(key: string) {
    super(`Too many concurrent updates of inventory item ${key}; the batch will be retried`);
    this.name = 'ConcurrentUpdateError';
  }
}
