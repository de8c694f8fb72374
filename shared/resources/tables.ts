/**
 * The one definition of Surveyor's DynamoDB tables: names, key attributes, indexes, streams.
 * The CDK stack (infra/) and the local runner (local/) both build their tables from this module.
 *
 * Keys are tenant-scoped and end with `#` after the tenant id (`TENANT#acme#`), so that no tenant's
 * key is a prefix of another's (`acme` vs `acme-2`) and IAM `dynamodb:LeadingKeys` conditions such as
 * `TENANT#${aws:PrincipalTag/TenantId}#*` isolate tenants.
 */
export interface TableDefinition {
  /** Logical name; the deployed name is `${prefix}-${name}`. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly stream: 'NEW_AND_OLD_IMAGES' | 'NEW_IMAGE' | undefined;
  readonly ttlAttribute: string | undefined;
  readonly globalIndexes: readonly GlobalIndex[];
}

export interface GlobalIndex {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
  /** The sort key's type: a string unless it is a number (`N`). */
  readonly sortKeyType?: 'S' | 'N';
}

/** Hosts, endpoints, per-host template state and tenant registry items. */
export const inventoryTable: TableDefinition = {
  name: 'inventory',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: 'NEW_AND_OLD_IMAGES',
  ttlAttribute: 'expiresAt',
  // The portal's inventory sorted by calls or by last seen (sparse: only items with the attribute).
  // Every aggregate write that moves `calls` or `lastSeen` also writes these: the price of sorting
  // 50,000 endpoints a page at a time (docs/ARCHITECTURE.md, "Portal").
  globalIndexes: [
    { name: 'byCalls', partitionKey: 'pk', sortKey: 'calls', sortKeyType: 'N' },
    { name: 'byLastSeen', partitionKey: 'pk', sortKey: 'lastSeen' },
  ],
};

/** One item per (tenant, finding type, subject). Its stream feeds alerting. */
export const findingsTable: TableDefinition = {
  name: 'findings',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: 'NEW_AND_OLD_IMAGES',
  ttlAttribute: undefined,
  // Findings by status and last-seen time within a tenant (the portal's default view).
  globalIndexes: [{ name: 'byStatus', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
};

/**
 * Alerting: integrations (secrets sealed), delivery records that make delivery idempotent, dead
 * letters, burst counters and open PagerDuty incidents. Short-lived items expire through TTL.
 */
export const alertsTable: TableDefinition = {
  name: 'alerts',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: undefined,
  ttlAttribute: 'expiresAt',
  globalIndexes: [],
};

/**
 * Portal accounts: users (scrypt hashes), memberships on both sides, invites and API tokens (hashes
 * only), and sign-in failure windows. Expired invites and windows go through TTL.
 */
export const accountsTable: TableDefinition = {
  name: 'accounts',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: undefined,
  ttlAttribute: 'expiresAt',
  globalIndexes: [],
};

export const TABLES = [inventoryTable, findingsTable, alertsTable, accountsTable] as const;

/** Deployed table name for a stack or local prefix: `tableName('surveyor-dev', inventoryTable)`. */
export function tableName(prefix: string, table: TableDefinition): string {
  return `${prefix}-${table.name}`;
}
