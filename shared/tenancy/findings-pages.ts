/**
 * Findings a page at a time: by status (the byStatus index, most recently seen first) or all of them
 * (by id), with type and severity filters.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FINDING_STATUSES, type Finding, type FindingStatus } from '#events/finding.schema';
import { toFinding } from '#shared/findings/store';
import { findingKeys } from '#shared/tables/keys';
import { InvalidQueryError, pageLimit, queryPage } from './paged-query.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

export interface FindingQuery {
  readonly status?: string | null | undefined;
  readonly type?: string | null | undefined;
  readonly severity?: string | null | undefined;
  readonly limit?: string | number | null | undefined;
  readonly cursor?: string | null | undefined;
}

export interface FindingPage {
  readonly findings: Finding[];
  readonly nextCursor: string | null;
}

const TYPE = /^(?:[a-z][a-z0-9-]{1,40}|custom:[a-z0-9][a-z0-9._-]{0,63})$/;

export async function listFindingPage(
  doc: DynamoDBDocumentClient,
  tableName: string,
  tenant: string,
  query: FindingQuery,
): Promise<FindingPage> {
  const status = query.status || undefined;
  const type = query.type || undefined;
  const severity = query.severity || undefined;
  if (status !== undefined && !(FINDING_STATUSES as readonly string[]).includes(status))
    throw new InvalidQueryError(`status must be one of ${FINDING_STATUSES.join(', ')}`);
  if (type !== undefined && !TYPE.test(type)) throw new InvalidQueryError('type is not a finding type');
  if (severity !== undefined && !(SEVERITIES as readonly string[]).includes(severity))
    throw new InvalidQueryError(`severity must be one of ${SEVERITIES.join(', ')}`);
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (type !== undefined) {
    filters.push('#type = :type');
    names['#type'] = 'type';
    values[':type'] = type;
  }
  if (severity !== undefined) {
    filters.push('#severity = :severity');
    names['#severity'] = 'severity';
    values[':severity'] = severity;
  }
  const filter = filters.length > 0 && {
    FilterExpression: filters.join(' AND '),
    ExpressionAttributeNames: names,
  };
  const pk = findingKeys.partition(tenant);
  const common = {
    doc,
    filtered: filters.length > 0,
    limit: pageLimit(query.limit),
    cursor: query.cursor ?? undefined,
  };
  const { items, nextCursor } =
    status === undefined
      ? await queryPage({
          ...common,
          input: {
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ...values, ':pk': pk, ':prefix': findingKeys.findingPrefix() },
            ...filter,
          },
          partitionKeys: { pk },
          sortKeys: ['sk'],
          sortKeyPrefix: findingKeys.findingPrefix(),
        })
      : await queryPage({
          ...common,
          input: {
            TableName: tableName,
            IndexName: 'byStatus',
            KeyConditionExpression: 'gsi1pk = :g',
            ExpressionAttributeValues: {
              ...values,
              ':g': findingKeys.byStatusPartition(tenant, status as FindingStatus),
            },
            ScanIndexForward: false,
            ...filter,
          },
          partitionKeys: { pk, gsi1pk: findingKeys.byStatusPartition(tenant, status as FindingStatus) },
          sortKeys: ['gsi1sk', 'sk'],
          sortKeyPrefix: '',
          filtered: filters.length > 0,
        });
  return { findings: items.map(toFinding), nextCursor };
}
