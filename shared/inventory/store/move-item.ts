/**
 * Folds one inventory item into another in a single transaction: used when templating merges
 * `/repos/octocat` and `/repos/torvalds` into `/repos/{param}` after both were stored.
 * Counters add up, monotone values merge, and the source item is deleted, all or nothing, so a retry
 * after a crash finds either nothing to move or the whole move still to do.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mergeMonotone, type MonotoneFields } from './monotone.ts';

export interface ItemShape {
  /** Attributes that add up (calls, status classes, sums, auth counts). */
  readonly isCounter: (attribute: string) => boolean;
  /** Monotone fields of an item, read from its attributes. */
  readonly monotoneOf: (item: Record<string, unknown>) => MonotoneFields;
}

/** Moves `from` into `to` (creating `to` with `identity` if needed); false when `from` is gone. */
export async function moveItem(
  doc: DynamoDBDocumentClient,
  tableName: string,
  from: Record<string, string>,
  to: Record<string, string>,
  identity: Record<string, string | number>,
  shape: ItemShape,
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [source, target] = await Promise.all([
      doc.send(new GetCommand({ TableName: tableName, Key: from, ConsistentRead: true })),
      doc.send(new GetCommand({ TableName: tableName, Key: to, ConsistentRead: true })),
    ]);
    const item = source.Item;
    if (item === undefined) return false;
    const names: Record<string, string> = { '#ver': 'ver' };
    const values: Record<string, unknown> = { ':one': 1 };
    const sets: string[] = [];
    const adds = ['#ver :one'];
    let n = 0;
    for (const [attr, value] of Object.entries(identity)) {
      names[`#i${n}`] = attr;
      values[`:i${n}`] = value;
      sets.push(`#i${n} = if_not_exists(#i${n}, :i${n})`);
      n++;
    }
    for (const [attr, value] of Object.entries(item)) {
      if (typeof value !== 'number' || !shape.isCounter(attr)) continue;
      names[`#c${n}`] = attr;
      values[`:c${n}`] = value;
      adds.push(`#c${n} :c${n}`);
      n++;
    }
    const merged = mergeMonotone(target.Item, shape.monotoneOf(item));
    for (const [attr, value] of Object.entries(item)) {
      // Per-shard watermarks: the moved counts include everything the source had applied.
      if (!attr.startsWith('w_')) continue;
      const current = target.Item?.[attr] as string | undefined;
      if (current === undefined || (value as string) > current) merged[attr] = value;
    }
    for (const [attr, value] of Object.entries(merged)) {
      names[`#m${n}`] = attr;
      values[`:m${n}`] = value;
      sets.push(`#m${n} = :m${n}`);
      n++;
    }
    const targetVersion = target.Item?.ver as number | undefined;
    const targetCondition = targetVersion === undefined ? 'attribute_not_exists(#ver)' : '#ver = :targetVer';
    if (targetVersion !== undefined) values[':targetVer'] = targetVersion;
    try {
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: to,
                UpdateExpression: `${sets.length > 0 ? `SET ${sets.join(', ')} ` : ''}ADD ${adds.join(', ')}`,
                ConditionExpression: targetCondition,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            {
              Delete: {
                TableName: tableName,
                Key: from,
                ConditionExpression: '#ver = :sourceVer',
                ExpressionAttributeNames: { '#ver': 'ver' },
                ExpressionAttributeValues: { ':sourceVer': item.ver ?? 0 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      // Someone wrote either item meanwhile: read both again and redo the move.
      if (!(
        error instanceof TransactionCanceledException || error instanceof ConditionalCheckFailedException
      )) {
        throw error;
      }
    }
  }
  throw new MoveConflictError(JSON.stringify(from));
}

export class MoveConflictError extends Error {
  constructor(key: string) {
    super(`Could not move inventory item ${key}: it kept changing; the batch will be retried`);
    this.name = 'MoveConflictError';
  }
}
