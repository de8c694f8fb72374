/**
 * One page of a DynamoDB query, with filters, as `{ items, nextCursor }`. The cursor carries only sort
 * keys (base64url JSON); the partition keys come from the authenticated tenant each time, so a cursor
 * can never point into another tenant's partition.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { InvalidQueryError } from './query-errors.ts';

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

export interface PagedQuery {
  readonly doc: DynamoDBDocumentClient;
  /** Everything but the paging fields; `FilterExpression` when `filtered`. */
  readonly input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>;
  /** The key attributes (partition and sort) of the table or index, in the order they are filled in. */
  readonly partitionKeys: Readonly<Record<string, string>>;
  readonly sortKeys: readonly string[];
  /** Those of `sortKeys` that are numbers (an index sorted by calls); the others are strings. */
  readonly numericKeys?: readonly string[];
  /** Each sort key value in a cursor must start with this (the query's prefix). */
  readonly sortKeyPrefix: string;
  readonly filtered: boolean;
  /** A filter DynamoDB cannot evaluate, applied to each item read (implies reading more, like `filtered`). */
  readonly keep?: (item: Record<string, unknown>) => boolean;
  readonly limit: number;
  readonly cursor: string | undefined;
}

/**
 * Items one filtered request reads at most. A rare filter over a large partition then answers with
 * a short (even empty) page and a cursor to read on from, instead of reading the whole partition.
 */
export const MAX_READ_PER_PAGE = 5_000;

export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor is not one this list returned');
    this.name = 'InvalidCursorError';
  }
}

export { InvalidQueryError } from './query-errors.ts';

/** `limit` from a query string: 1..200, 50 by default. */
export function pageLimit(value: string | number | undefined | null): number {
  if (value === undefined || value === null || value === '') return DEFAULT_PAGE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE)
    throw new InvalidQueryError(`limit must be a whole number from 1 to ${MAX_PAGE}`);
  return n;
}

export async function queryPage(
  q: PagedQuery,
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  let start = q.cursor === undefined ? undefined : { ...q.partitionKeys, ...decodeCursor(q) };
  const filtered = q.filtered || q.keep !== undefined;
  const items: Record<string, unknown>[] = [];
  let budget = MAX_READ_PER_PAGE;
  for (;;) {
    const remaining = q.limit - items.length;
    // Without a filter DynamoDB's Limit is the page size; with one, it counts items read, so read more.
    const readLimit = filtered ? Math.min(Math.max(remaining, 500), budget) : remaining;
    const page = await q.doc.send(
      new QueryCommand({ ...q.input, Limit: readLimit, ExclusiveStartKey: start }),
    );
    budget -= page.ScannedCount ?? readLimit;
    const got = q.keep === undefined ? (page.Items ?? []) : (page.Items ?? []).filter(q.keep);
    items.push(...got.slice(0, remaining));
    if (got.length > remaining) return { items, nextCursor: encodeCursor(q.sortKeys, items.at(-1)!) };
    if (page.LastEvaluatedKey === undefined) return { items, nextCursor: null };
    if (items.length === q.limit || budget <= 0)
      return { items, nextCursor: encodeCursor(q.sortKeys, page.LastEvaluatedKey) };
    start = page.LastEvaluatedKey;
  }
}

function encodeCursor(sortKeys: readonly string[], item: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(sortKeys.map((k) => item[k]))).toString('base64url');
}

function decodeCursor(q: PagedQuery): Record<string, string | number> {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(q.cursor!, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(values) || values.length !== q.sortKeys.length) throw new InvalidCursorError();
  const keys: Record<string, string | number> = {};
  q.sortKeys.forEach((name, i) => {
    const value = values[i];
    const valid = q.numericKeys?.includes(name)
      ? typeof value === 'number' && Number.isFinite(value)
      : typeof value === 'string' && value.length <= 4096;
    if (!valid) throw new InvalidCursorError();
    keys[name] = value;
  });
  const first = keys[q.sortKeys[0]!]!;
  if (typeof first === 'string' && !first.startsWith(q.sortKeyPrefix)) throw new InvalidCursorError();
  return keys;
}
