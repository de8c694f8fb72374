/**
 * The scheduled tenant-wide assessment (functions/assess-tenants.ts): an EventBridge rule runs it
 * daily. It reads inventories, configurations and the registry, and reads and writes findings.
 */
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { bundledFunction } from './bundled-function.ts';

export const ASSESSMENT_SCHEDULE = Duration.days(1);

export interface TenantAssessmentProps {
  readonly inventoryTable: Table;
  readonly findingsTable: Table;
}

export class TenantAssessment extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: TenantAssessmentProps) {
    super(scope, id);
    const { fn, role } = bundledFunction(this, 'Function', {
      handlerName: 'assess-tenants',
      description: "Daily: every tenant's whole inventory against its specs and rules",
      memorySize: 1024,
      timeout: Duration.minutes(15),
      environment: {
        [HANDLER_ENV.inventoryTable]: props.inventoryTable.tableName,
        [HANDLER_ENV.findingsTable]: props.findingsTable.tableName,
        POWERTOOLS_SERVICE_NAME: 'assess-tenants',
        POWERTOOLS_METRICS_NAMESPACE: 'Surveyor',
      },
    });
    this.fn = fn;
    // Reads only on the inventory (queries by tenant partition); findings are read-modify-written.
    role.addToPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: [props.inventoryTable.tableArn] }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
        resources: [props.findingsTable.tableArn],
      }),
    );
    new Rule(this, 'Schedule', {
      description: 'Runs the tenant-wide assessment',
      schedule: Schedule.rate(ASSESSMENT_SCHEDULE),
      targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
    });
  }
}
