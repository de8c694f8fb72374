/**
 * The findings table: one item per (tenant, type, subject), keyed by the finding's stable id.
 * Writes are read-modify-write with a version check, so two consumers observing the same finding
 * never lose an update, and an unchanged finding is not written again (no stream noise).
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { Finding, FindingStatus } from '#events/finding.schema';
import { findingKeys } from '#shared/tables/keys';
import type { FindingCandidate } from './candidate.ts';
import { findingId, observe, transition, type FindingAction, type TransitionInput } from './lifecycle.ts';

export interface FindingsTable {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

const ATTEMPTS = 5;
const CONCURRENCY = 8;

/**
 * Folds each candidate into its stored finding (creating, refreshing or reopening it). Returns how
 * many items were written; candidates that change nothing cost one read.
 */
export async function recordFindings(
  table: FindingsTable,
  tenant: string,
  candidates: readonly FindingCandidate[],
  now: string,
): Promise<number> {
  let written = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const candidate = candidates[next++]!;
      const id = findingId(tenant, candidate.type, candidate.subject);
      const wrote = await update(table, tenant, id, (existing) =>
        observe(existing, candidate, { tenant, now }),
      );
      if (wrote) written++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, candidates.length) }, worker));
  return written;
}

/**
 * A person's status change (acknowledge, resolve, suppress, reopen) with who and why.
 * Throws `FindingNotFoundError` or `FindingTransitionError`.
 */
export async function changeFindingStatus(
  table: FindingsTable,
  tenant: string,
  id: string,
  action: FindingAction,
  input: TransitionInput,
): Promise<Finding> {
  let result: Finding | undefined;
  await update(table, tenant, id, (existing) => {
    if (existing === undefined) throw new FindingNotFoundError(id);
    return (result = transition(existing, action, input));
  });
  return result!;
}

export async function getFinding(
  table: FindingsTable,
  tenant: string,
  id: string,
): Promise<Finding | undefined> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: findingKeys.partition(tenant), sk: findingKeys.finding(id) },
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : toFinding(Item);
}

/** A tenant's findings, most recently seen first; only those in `status` when given. */
export async function listFindings(
  table: FindingsTable,
  tenant: string,
  status?: FindingStatus,
): Promise<Finding[]> {
  const query =
    status === undefined
      ? {
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': findingKeys.partition(tenant),
            ':prefix': findingKeys.findingPrefix(),
          },
        }
      : {
          IndexName: 'byStatus',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': findingKeys.byStatusPartition(tenant, status) },
        };
  const findings: Finding[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({ TableName: table.tableName, ...query, ExclusiveStartKey: start }),
    );
    findings.push(...(page.Items ?? []).map(toFinding));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return findings.sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0));
}

/** Reads, changes and writes one finding, retrying when another writer got there first. */
async function update(
  table: FindingsTable,
  tenant: string,
  id: string,
  change: (existing: Finding | undefined) => Finding,
): Promise<boolean> {
  const key = { pk: findingKeys.partition(tenant), sk: findingKeys.finding(id) };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { Item } = await table.doc.send(
      new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }),
    );
    const existing = Item === undefined ? undefined : toFinding(Item);
    const next = change(existing);
    if (existing !== undefined && sameFinding(existing, next)) return false;
    const version = (Item?.ver as number | undefined) ?? 0;
    try {
      await table.doc.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...next,
            ...key,
            gsi1pk: findingKeys.byStatusPartition(tenant, next.status),
            gsi1sk: `${next.lastSeen}#${next.id}`,
            ver: version + 1,
          },
          ConditionExpression: Item === undefined ? 'attribute_not_exists(pk)' : 'ver = :ver',
          ...(Item !== undefined && { ExpressionAttributeValues: { ':ver': version } }),
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new FindingConflictError(id);
}

/** The finding's own fields of a stored item (keys, index attributes and version dropped). */
export function toFinding(item: Record<string, unknown>): Finding {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ver: _ver, ...finding } = item;
  return finding as Finding;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
  );
}

export class FindingNotFoundError extends Error {
  constructor(id: string) {
    super(`No finding ${id}`);
    this.name = 'FindingNotFoundError';
  }
}

export class FindingConflictError extends Error {
  constructor(id: string) {
    super(`Finding ${id} kept changing under concurrent writers; try again`);
    this.name = 'FindingConflictError';
  }
}
