/** Names of the local resources, derived from the prefix the way the CDK stack derives its own. */
import {
  accountsTable,
  alertsTable,
  findingsTable,
  inventoryTable,
  tableName,
} from '#shared/resources/tables';

export interface ResourceNames {
  readonly inventoryTable: string;
  readonly findingsTable: string;
  readonly alertsTable: string;
  readonly accountsTable: string;
  readonly stream: string;
  readonly albLogBucket: string;
  readonly quarantineBucket: string;
  readonly failureBucket: string;
}

export function resourceNames(prefix: string): ResourceNames {
  return {
    inventoryTable: tableName(prefix, inventoryTable),
    findingsTable: tableName(prefix, findingsTable),
    alertsTable: tableName(prefix, alertsTable),
    accountsTable: tableName(prefix, accountsTable),
    stream: `${prefix}-api-calls`,
    albLogBucket: `${prefix}-alb-logs`,
    quarantineBucket: `${prefix}-quarantine`,
    failureBucket: `${prefix}-ingest-failures`,
  };
}
