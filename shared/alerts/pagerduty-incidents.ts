/**
 * Which PagerDuty incidents Surveyor triggered for a finding and has not resolved: a resolved
 * finding sends `resolve` only when there is an incident to resolve (a finding folded into a digest
 * never had one), and then never more than once.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { alertKeys } from '#shared/tables/keys';
import type { AlertsTable } from './delivery-records.ts';

const key = (tenant: string, integrationId: string, findingId: string) => ({
  pk: alertKeys.partition(tenant),
  sk: alertKeys.incident(integrationId, findingId),
});

export async function rememberIncident(
  table: AlertsTable,
  tenant: string,
  integrationId: string,
  findingId: string,
  now: Date,
): Promise<void> {
  await table.doc.send(
    new PutCommand({
      TableName: table.tableName,
      // PagerDuty keeps a dedup key for months after the last trigger; so does this marker.
      Item: {
        ...key(tenant, integrationId, findingId),
        triggeredAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + 180 * 86_400,
      },
    }),
  );
}

export async function hasOpenIncident(
  table: AlertsTable,
  tenant: string,
  integrationId: string,
  findingId: string,
): Promise<boolean> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: key(tenant, integrationId, findingId),
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}

export async function forgetIncident(
  table: AlertsTable,
  tenant: string,
  integrationId: string,
  findingId: string,
): Promise<void> {
  await table.doc.send(
    new DeleteCommand({ TableName: table.tableName, Key: key(tenant, integrationId, findingId) }),
  );
}
