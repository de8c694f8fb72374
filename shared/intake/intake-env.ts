/** The intake's settings, read once at cold start from the variables infra/ and local/ set. */
import { positiveIntegerEnv as positive, requireEnv } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { DEFAULT_LIMITS, type IntakeLimits } from './intake-request.ts';
import { DEFAULT_QUOTA, type TenantQuota } from './rate-limit.ts';

const ENV = {
  table: HANDLER_ENV.inventoryTable,
  stream: HANDLER_ENV.ingestStreamName,
  requestsPerMinute: HANDLER_ENV.intakeRequestsPerMinute,
  linesPerMinute: HANDLER_ENV.intakeLinesPerMinute,
} as const;

export interface IntakeSettings {
  readonly table: string;
  readonly streamName: string;
  readonly quota: TenantQuota;
  readonly limits: IntakeLimits;
}

export function intakeSettings(env: NodeJS.ProcessEnv): IntakeSettings {
  return {
    table: requireEnv(env, ENV.table),
    streamName: requireEnv(env, ENV.stream),
    quota: {
      requestsPerMinute: positive(env, ENV.requestsPerMinute, DEFAULT_QUOTA.requestsPerMinute),
      linesPerMinute: positive(env, ENV.linesPerMinute, DEFAULT_QUOTA.linesPerMinute),
    },
    limits: DEFAULT_LIMITS,
  };
}
