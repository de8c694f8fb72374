/** The intake's settings, read once at cold start from the variables infra/ and local/ set. */
import { requireEnv } from '#shared/aws/clients';
import { DEFAULT_LIMITS, type IntakeLimits } from './intake-request.ts';
import { DEFAULT_QUOTA, type TenantQuota } from './rate-limit.ts';

export const INTAKE_ENV = {
  table: 'INVENTORY_TABLE',
  stream: 'INGEST_STREAM_NAME',
  requestsPerMinute: 'INTAKE_TENANT_REQUESTS_PER_MINUTE',
  linesPerMinute: 'INTAKE_TENANT_LINES_PER_MINUTE',
} as const;

export interface IntakeSettings {
  readonly table: string;
  readonly streamName: string;
  readonly quota: TenantQuota;
  readonly limits: IntakeLimits;
}

export function intakeSettings(env: NodeJS.ProcessEnv): IntakeSettings {
  return {
    table: requireEnv(env, INTAKE_ENV.table),
    streamName: requireEnv(env, INTAKE_ENV.stream),
    quota: {
      requestsPerMinute: positive(env, INTAKE_ENV.requestsPerMinute, DEFAULT_QUOTA.requestsPerMinute),
      linesPerMinute: positive(env, INTAKE_ENV.linesPerMinute, DEFAULT_QUOTA.linesPerMinute),
    },
    limits: DEFAULT_LIMITS,
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${text}`);
  return n;
}
