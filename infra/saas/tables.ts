/**
 * DynamoDB tables built from the one definition in shared/resources/tables.ts, so the deployed
 * keys, indexes, streams and TTL are the ones the code and the local stack use.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLES, tableName, type TableDefinition } from '#shared/resources/tables';

const STREAM_VIEW: Record<NonNullable<TableDefinition['stream']>, StreamViewType> = {
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
};

/** One CDK table from a definition: on-demand, PITR, AWS-managed KMS, stream and TTL as defined. */
export function tableFromDefinition(scope: Construct, prefix: string, definition: TableDefinition): Table {
  const table = new Table(scope, `${pascal(definition.name)}Table`, {
    tableName: tableName(prefix, definition),
    partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
    sortKey: { name: definition.sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: TableEncryption.AWS_MANAGED,
    stream: definition.stream === undefined ? undefined : STREAM_VIEW[definition.stream],
    timeToLiveAttribute: definition.ttlAttribute,
    deletionProtection: true,
    // Customer inventories outlive any one stack: deleting the stack must not delete them.
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of definition.globalIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: {
        name: index.sortKey,
        type: index.sortKeyType === 'N' ? AttributeType.NUMBER : AttributeType.STRING,
      },
    });
  }
  return table;
}

/** Every table of TABLES, by logical name: `surveyorTables(this, 'surveyor').inventory`. */
export function surveyorTables(scope: Construct, prefix: string): Record<string, Table> {
  const tables = new Construct(scope, 'Tables');
  return Object.fromEntries(TABLES.map((d) => [d.name, tableFromDefinition(tables, prefix, d)]));
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());
}
