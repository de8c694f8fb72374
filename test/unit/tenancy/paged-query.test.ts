import { describe, expect, it } from '@jest/globals';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  InvalidCursorError,
  InvalidQueryError,
  MAX_READ_PER_PAGE,
  pageLimit,
  queryPage,
} from '#shared/tenancy/paged-query';

// A document client stand-in that answers Query from a sorted array, as DynamoDB pages a partition.
function fakeDoc(sks: string[], seen: Record<string, unknown>[] = []): DynamoDBDocumentClient {
  return {
    send: async (command: { input: { Limit: number; ExclusiveStartKey?: { pk: string; sk: string } } }) => {
      seen.push(command.input as unknown as Record<string, unknown>);
      const from =
        command.input.ExclusiveStartKey === undefined
          ? 0
          : sks.indexOf(command.input.ExclusiveStartKey.sk) + 1;
      const items = sks.slice(from, from + command.input.Limit).map((sk) => ({ pk: 'TENANT#a#', sk }));
      const more = from + command.input.Limit < sks.length;
      return { Items: items, ...(more && { LastEvaluatedKey: { pk: 'TENANT#a#', sk: items.at(-1)!.sk } }) };
    },
  } as unknown as DynamoDBDocumentClient;
}

const base = (doc: DynamoDBDocumentClient, cursor?: string, limit = 2) => ({
  doc,
  input: { TableName: 't' },
  partitionKeys: { pk: 'TENANT#a#' },
  sortKeys: ['sk'],
  sortKeyPrefix: 'EP#',
  filtered: false,
  limit,
  cursor,
});

describe('queryPage', () => {
  it('walks every item once, in order, with the partition key taken from the caller not the cursor', async () => {
    const sks = ['EP#a', 'EP#b', 'EP#c', 'EP#d', 'EP#e'];
    const seen: Record<string, unknown>[] = [];
    const doc = fakeDoc(sks, seen);
    const walked: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryPage(base(doc, cursor));
      walked.push(...page.items.map((i) => i.sk));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(walked).toEqual(sks);
    expect(
      seen.every(
        (input) =>
          input.ExclusiveStartKey === undefined ||
          (input.ExclusiveStartKey as { pk: string }).pk === 'TENANT#a#',
      ),
    ).toBe(true);
  });

  it('refuses cursors it did not make, or that point outside the listed prefix', async () => {
    const doc = fakeDoc(['EP#a']);
    await expect(queryPage(base(doc, 'garbage!'))).rejects.toBeInstanceOf(InvalidCursorError);
    const foreign = Buffer.from(JSON.stringify(['CONFIG#risk-rules'])).toString('base64url');
    await expect(queryPage(base(doc, foreign))).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('reads limits of 1 to 200, 50 by default', () => {
    expect([pageLimit(undefined), pageLimit('7'), pageLimit(200)]).toEqual([50, 7, 200]);
    expect(() => pageLimit('0')).toThrow(InvalidQueryError);
    expect(() => pageLimit('2.5')).toThrow(InvalidQueryError);
    expect(() => pageLimit('201')).toThrow(InvalidQueryError);
  });

  it('walks a read-time filter to the end: pages may be short, but the cursor never skips a match', async () => {
    const sks = Array.from(
      { length: 2 * MAX_READ_PER_PAGE + 7 },
      (_, i) => `EP#${String(i).padStart(6, '0')}`,
    );
    const matches = new Set([sks[3]!, sks[MAX_READ_PER_PAGE + 1]!, sks.at(-1)!]);
    const doc = fakeDoc(sks);
    const pages: unknown[][] = [];
    let cursor: string | undefined;
    do {
      const page = await queryPage({
        ...base(doc, cursor, 2),
        keep: (item) => matches.has(item.sk as string),
      });
      pages.push(page.items.map((i) => i.sk));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(pages.flat()).toEqual([...matches]);
    // No request reads more than its budget, so a rare match costs several short pages instead.
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it('accepts numbers in a cursor only for numeric index keys', async () => {
    const doc = fakeDoc(['EP#a']);
    const byCalls = { ...base(doc), sortKeys: ['calls', 'sk'], sortKeyPrefix: '', numericKeys: ['calls'] };
    const numeric = Buffer.from(JSON.stringify([42, 'EP#a'])).toString('base64url');
    await expect(queryPage({ ...byCalls, cursor: numeric })).resolves.toBeDefined();
    const swapped = Buffer.from(JSON.stringify(['42', 'EP#a'])).toString('base64url');
    await expect(queryPage({ ...byCalls, cursor: swapped })).rejects.toBeInstanceOf(InvalidCursorError);
    const numberAsSk = Buffer.from(JSON.stringify([42])).toString('base64url');
    await expect(queryPage(base(doc, numberAsSk))).rejects.toBeInstanceOf(InvalidCursorError);
  });
});
