/**
 * Surveyor's own Log4Shell callback listener in AWS: a public hosted zone for the callback zone with
 * DNS query logging (Route 53 writes it only to a log group in us-east-1), and a subscription that
 * hands every logged query to functions/record-callbacks.ts. Nothing answers with an address, so a
 * vulnerable server only ever makes a DNS lookup, which is all the check needs.
 */
import { Aws, CfnOutput, CfnRule, Duration, Fn, Stack, Token } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import {
  FilterPattern,
  LogGroup,
  ResourcePolicy,
  RetentionDays,
  SubscriptionFilter,
} from 'aws-cdk-lib/aws-logs';
import { PublicHostedZone } from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { bundledFunction } from '#infra/saas/bundled-function';
import { SCAN_ENV } from '#shared/scans/scan-env';

export interface Log4ShellListenerProps {
  readonly zoneName: string;
  readonly inventoryTable: Table;
}

const QUERY_LOG_REGION = 'us-east-1';

export class Log4ShellListener extends Construct {
  readonly zoneName: string;

  constructor(scope: Construct, id: string, props: Log4ShellListenerProps) {
    super(scope, id);
    this.zoneName = props.zoneName;
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && region !== QUERY_LOG_REGION)
      throw new Error(
        `The Log4Shell callback zone needs the stack in ${QUERY_LOG_REGION} (Route 53 query logs)`,
      );
    // An environment-agnostic stack learns its region at deploy time: CloudFormation checks it then.
    new CfnRule(this, 'QueryLogRegion', {
      assertions: [
        {
          assert: Fn.conditionEquals(Aws.REGION, QUERY_LOG_REGION),
          assertDescription: `surveyor:callbackZone needs the stack in ${QUERY_LOG_REGION}: Route 53 writes query logs only there`,
        },
      ],
    });

    // Markers are single-use; a day is long enough for any scan to find its own.
    const queryLogs = new LogGroup(this, 'QueryLogs', {
      logGroupName: `/aws/route53/${props.zoneName}`,
      retention: RetentionDays.ONE_DAY,
    });
    const route53CanWrite = new ResourcePolicy(this, 'Route53CanWrite', {
      policyStatements: [
        new PolicyStatement({
          principals: [new ServicePrincipal('route53.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [queryLogs.logGroupArn],
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        }),
      ],
    });
    const zone = new PublicHostedZone(this, 'Zone', {
      zoneName: props.zoneName,
      queryLogsLogGroupArn: queryLogs.logGroupArn,
      comment: 'Surveyor Log4Shell callbacks: queries are logged, nothing resolves',
    });
    zone.node.addDependency(route53CanWrite);

    const { fn, role } = bundledFunction(this, 'RecordCallbacks', {
      handlerName: 'record-callbacks',
      description: 'Records Log4Shell callback queries from Route 53 query logs',
      memorySize: 256,
      timeout: Duration.seconds(30),
      environment: {
        [SCAN_ENV.inventoryTable]: props.inventoryTable.tableName,
        [SCAN_ENV.callbackZone]: props.zoneName,
        POWERTOOLS_SERVICE_NAME: 'record-callbacks',
      },
    });
    role.addToPolicy(
      new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.inventoryTable.tableArn] }),
    );
    new SubscriptionFilter(this, 'ToRecorder', {
      logGroup: queryLogs,
      destination: new LambdaDestination(fn),
      filterPattern: FilterPattern.allEvents(),
    });
    new CfnOutput(this, 'NameServers', {
      description: `Delegate ${props.zoneName} to these name servers (NS records in the parent zone)`,
      value: Fn.join(',', zone.hostedZoneNameServers!),
    });
  }
}
