/**
 * External discovery in the SaaS stack: the five scan task functions, the state machine built from
 * `scanDefinition` (logged, traced), and the EventBridge Scheduler group and role with which the
 * plan step schedules each tenant's recurring scan.
 */
import { ArnFormat, Duration, Stack, type CfnElement } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { DefinitionBody, LogLevel, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge } from '#infra/nag';
import { bundledFunction } from '#infra/saas/bundled-function';
import { SCAN_ENV } from '#shared/scans/scan-env';
import { Log4ShellListener } from './log4shell-listener.ts';
import { scanDefinition, SCAN_HANDLERS, SCAN_TIMEOUT, type ScanTask } from './scan-definition.ts';

export interface ExternalScansProps {
  readonly prefix: string;
  readonly inventoryTable: Table;
  readonly findingsTable: Table;
  /** Log4Shell callback zone; unset: no listener and no Log4Shell checks. */
  readonly callbackZone?: string | undefined;
  /** Certificate-transparency search used by discovery; unset: wordlist and DNS only. */
  readonly certificateTransparencyUrl?: string | undefined;
}

// Route 53 query logs reach CloudWatch Logs and then the recorder within seconds, not the local
// listener's milliseconds: each Log4Shell check waits this long for its marker.
const CALLBACK_WAIT_MS = 30_000;

const TIMEOUTS: Readonly<Record<ScanTask, Duration>> = {
  plan: Duration.seconds(60),
  discover: Duration.minutes(5),
  checkHost: Duration.minutes(3),
  recordHost: Duration.seconds(60),
  summarise: Duration.minutes(2),
};

export class ExternalScans extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ExternalScansProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const machineName = `${props.prefix}-external-scans`;
    // Built from the name, not the construct, so the plan function's environment does not depend
    // on the state machine that depends on the function.
    const machineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: machineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const group = new CfnScheduleGroup(this, 'ScheduleGroup', { name: `${props.prefix}-scans` });
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler starts tenant scans',
    });
    schedulerRole.addToPolicy(
      new PolicyStatement({ actions: ['states:StartExecution'], resources: [machineArn] }),
    );

    const listener =
      props.callbackZone === undefined
        ? undefined
        : new Log4ShellListener(this, 'Log4ShellListener', {
            zoneName: props.callbackZone,
            inventoryTable: props.inventoryTable,
          });
    const environment = {
      [SCAN_ENV.inventoryTable]: props.inventoryTable.tableName,
      [SCAN_ENV.findingsTable]: props.findingsTable.tableName,
      POWERTOOLS_SERVICE_NAME: 'external-scans',
      ...(props.certificateTransparencyUrl !== undefined && {
        [SCAN_ENV.certificateNamesUrl]: props.certificateTransparencyUrl,
      }),
      ...(listener !== undefined && {
        [SCAN_ENV.callbackZone]: listener.zoneName,
        [SCAN_ENV.callbackWaitMs]: String(CALLBACK_WAIT_MS),
      }),
    };
    const fns = {} as Record<ScanTask, IFunction>;
    for (const task of Object.keys(SCAN_HANDLERS) as ScanTask[]) {
      const { fn, role } = bundledFunction(this, task, {
        handlerName: SCAN_HANDLERS[task],
        description: `External scan: ${SCAN_HANDLERS[task]}`,
        memorySize: task === 'checkHost' ? 512 : 256,
        timeout: TIMEOUTS[task],
        environment:
          task === 'plan'
            ? {
                ...environment,
                [SCAN_ENV.scheduleGroup]: group.name!,
                [SCAN_ENV.scheduleRoleArn]: schedulerRole.roleArn,
                [SCAN_ENV.stateMachineArn]: machineArn,
              }
            : environment,
      });
      fns[task] = fn;
      // Domains, settings and scan items live in the tenant's inventory partition.
      role.addToPolicy(
        new PolicyStatement({
          actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
          resources: [props.inventoryTable.tableArn],
        }),
      );
      if (task === 'recordHost') {
        role.addToPolicy(
          new PolicyStatement({
            actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
            resources: [props.findingsTable.tableArn],
          }),
        );
      }
      if (task === 'plan') {
        role.addToPolicy(
          new PolicyStatement({
            actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule'],
            resources: [
              stack.formatArn({
                service: 'scheduler',
                resource: 'schedule',
                resourceName: `${group.name}/*`,
              }),
            ],
          }),
        );
        role.addToPolicy(
          new PolicyStatement({ actions: ['iam:PassRole'], resources: [schedulerRole.roleArn] }),
        );
        acknowledge(
          role.node.findChild('DefaultPolicy'),
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${props.prefix}-scans/*]`,
          'One schedule per tenant is created at run time in this group only; their names are not known when deploying',
        );
      }
    }

    const logGroup = new LogGroup(this, 'StateMachineLogs', { retention: RetentionDays.ONE_MONTH });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: machineName,
      definitionBody: DefinitionBody.fromChainable(scanDefinition(this, fns)),
      timeout: SCAN_TIMEOUT,
      tracingEnabled: true,
      logs: { destination: logGroup, level: LogLevel.ALL },
    });
    const machinePolicy = this.stateMachine.role.node.findChild('DefaultPolicy');
    for (const fn of Object.values(fns)) {
      const logicalId = stack.resolve(stack.getLogicalId(fn.node.defaultChild as CfnElement)) as string;
      acknowledge(
        machinePolicy,
        `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        'CDK lets the state machine invoke each task function and its versions (:*); nothing else',
      );
    }
    acknowledge(
      machinePolicy,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray tracing and CloudWatch Logs delivery actions have no resource-level permissions',
    );
  }
}
