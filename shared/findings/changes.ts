/**
 * Finding changes from the findings table's stream: a new finding opens, a resolved one seen again
 * reopens, people change statuses, severities rise. Fresher evidence or counts alone change nothing
 * an alert should say, so they yield no change.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Finding } from '#events/finding.schema';
import type { FindingChange } from '#events/finding-change.schema';
import { severityRank } from './catalogue.ts';
import { SYSTEM_ACTOR } from './lifecycle.ts';
import { toFinding } from './store.ts';

/** `findingChange(undefined, created, at)` -> `{ change: 'opened', ... }`; undefined when nothing alert-worthy changed. */
export function findingChange(
  before: Finding | undefined,
  after: Finding | undefined,
  at: string,
): FindingChange | undefined {
  if (after === undefined) return undefined; // deletions are housekeeping, not news
  const base = { tenant: after.tenant, at, finding: after };
  if (before === undefined) return after.status === 'open' ? { change: 'opened', ...base } : undefined;
  const previous = { previousStatus: before.status, previousSeverity: before.severity };
  if (before.status !== after.status) {
    const reopened = after.status === 'open' && after.statusBy === SYSTEM_ACTOR;
    return { change: reopened ? 'reopened' : 'status-changed', ...previous, ...base };
  }
  if (after.status === 'open' && severityRank(after.severity) < severityRank(before.severity))
    return { change: 'escalated', ...previous, ...base };
  return undefined;
}

/** The change one stream record of the findings table carries, if any. */
export function findingChangeOf(record: DynamoDBRecord): FindingChange | undefined {
  const image = (value: unknown) =>
    value === undefined
      ? undefined
      : toFinding(unmarshall(value as Record<string, AttributeValue>) as Record<string, unknown>);
  const at = new Date(
    (record.dynamodb?.ApproximateCreationDateTime ?? Date.now() / 1000) * 1000,
  ).toISOString();
  return findingChange(image(record.dynamodb?.OldImage), image(record.dynamodb?.NewImage), at);
}

/** The changes in one batch of stream records (Lambda's DynamoDB stream event `Records`). */
export function findingChangesOf(records: readonly DynamoDBRecord[]): FindingChange[] {
  return records.map(findingChangeOf).filter((c): c is FindingChange => c !== undefined);
}
