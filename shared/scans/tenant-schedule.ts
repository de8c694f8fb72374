/**
 * One EventBridge Scheduler schedule per tenant starts the scan state machine with `{ tenant }`.
 * The plan step ensures it once a tenant has a verified domain, so scans recur without anyone
 * listing tenants; on-demand scans start the same state machine directly.
 */
import {
  ConflictException,
  CreateScheduleCommand,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';

export interface TenantScheduleConfig {
  readonly groupName: string;
  readonly stateMachineArn: string;
  /** Role Scheduler assumes to call states:StartExecution. */
  readonly roleArn: string;
  /** `rate(1 day)` by default. */
  readonly expression?: string;
}

/** The schedule for `tenant`: daily, within a one-hour flexible window so tenants spread out. */
export function tenantScheduleInput(
  tenant: string,
  config: TenantScheduleConfig,
): CreateScheduleCommandInput {
  return {
    Name: `scan-${tenant}`,
    GroupName: config.groupName,
    Description: `External discovery scan of ${tenant}'s verified domains`,
    ScheduleExpression: config.expression ?? 'rate(1 day)',
    FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 60 },
    State: 'ENABLED',
    Target: {
      Arn: config.stateMachineArn,
      RoleArn: config.roleArn,
      Input: JSON.stringify({ tenant }),
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
    },
  };
}

/** Creates the tenant's schedule, or brings an existing one up to date. */
export async function ensureTenantSchedule(
  client: SchedulerClient,
  tenant: string,
  config: TenantScheduleConfig,
): Promise<void> {
  const input = tenantScheduleInput(tenant, config);
  try {
    await client.send(new CreateScheduleCommand(input));
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
    await client.send(new UpdateScheduleCommand(input));
  }
}
