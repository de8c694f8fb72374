/**
 * Subscription filters for a CommaDelimitedList parameter of log groups, in plain CloudFormation.
 *
 * CloudFormation has no loop over a list parameter, so the template holds a fixed number of slots.
 * Slot i reads element i of the list padded with empty strings (`Fn::Select` on a too-short list
 * fails the deployment, on the padded one it yields ''), and a condition drops empty slots. This
 * needs no custom resource (no code to run or trust in the customer's account) and CloudFormation
 * itself adds, replaces and removes filters when the parameter changes. One more slot detects a
 * list that is too long and says so in an output instead of ignoring the rest silently.
 */
import { CfnCondition, CfnOutput, Fn, Stack, type CfnParameter } from 'aws-cdk-lib';
import { CfnPermission, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnSubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export const MAX_LOG_GROUPS = 10;

/** Element `index` of the list, or '' past its end. */
export function paddedElement(list: CfnParameter, index: number, slots: number): string {
  const padding = ','.repeat(slots + 1);
  return Fn.select(index, Fn.split(',', Fn.join(',', [Fn.join(',', list.valueAsList), padding])));
}

export class LogGroupSlots extends Construct {
  constructor(scope: Construct, id: string, logGroups: CfnParameter, destination: IFunction) {
    super(scope, id);
    const stack = Stack.of(this);
    for (let i = 0; i < MAX_LOG_GROUPS; i++) {
      const name = paddedElement(logGroups, i, MAX_LOG_GROUPS);
      const used = new CfnCondition(this, `Slot${i}Used`, {
        expression: Fn.conditionNot(Fn.conditionEquals(name, '')),
      });
      const permission = new CfnPermission(this, `Slot${i}Permission`, {
        action: 'lambda:InvokeFunction',
        functionName: destination.functionArn,
        principal: 'logs.amazonaws.com',
        sourceAccount: stack.account,
        sourceArn: `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${name}:*`,
      });
      permission.cfnOptions.condition = used;
      const filter = new CfnSubscriptionFilter(this, `Slot${i}Filter`, {
        logGroupName: name,
        destinationArn: destination.functionArn,
        // Every line: the forwarder parses and quarantines what it cannot read.
        filterPattern: '',
      });
      filter.cfnOptions.condition = used;
      filter.addResourceDependency(permission);
      // The validator sees every slot as the same empty name; deployed slots name distinct groups
      // (a log group still allows only 2 filters, ours counting as one).
      acknowledge(
        filter,
        'CloudFormation-Validate::E2529',
        'Conditional slots: each deployed slot names a different log group, so no group gets more than one filter from this stack',
      );
    }
    const overflow = new CfnCondition(this, 'Overflow', {
      expression: Fn.conditionNot(
        Fn.conditionEquals(paddedElement(logGroups, MAX_LOG_GROUPS, MAX_LOG_GROUPS), ''),
      ),
    });
    const output = new CfnOutput(this, 'IgnoredLogGroups', {
      value: `Only the first ${MAX_LOG_GROUPS} log groups are forwarded; deploy another stack for the rest`,
    });
    output.condition = overflow;
  }
}
