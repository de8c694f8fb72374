/**
 * The scan handlers' configuration, read once at cold start: variable names are defined here and
 * set by infra/ (AWS) and local/ (the local stack). Loopback targets are allowed only when the local
 * stack says so.
 */
import { readFileSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createEnvironmentClassifier } from '#shared/classify/environment';
import { requireEnv } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { cachedTenantConfig } from '#shared/tenancy/tenant-config';
import { tableCanary } from './callback-canary.ts';
import { certificateTransparencySource } from './certificate-transparency.ts';
import type { CertificateNameSource } from './discover-hosts.ts';
import { dnsClient } from './dns-client.ts';
import { SCANNER_USER_AGENT } from './scan-settings.ts';
import { GLOBAL_RATE, rateLimiter } from './rate-limit.ts';
import { ensureTenantSchedule } from './tenant-schedule.ts';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { ScanDeps } from './scan-steps.ts';
import { COMMON_API_PORTS, DISCOVERY_WORDLIST } from './wordlist.ts';

/** The scan handlers' variables (names defined once in shared/resources/handler-env.ts). */
export const SCAN_ENV = {
  inventoryTable: HANDLER_ENV.inventoryTable,
  findingsTable: HANDLER_ENV.findingsTable,
  dnsServers: HANDLER_ENV.scanDnsServers,
  allowLoopback: HANDLER_ENV.scanAllowLoopback,
  extraCaFile: HANDLER_ENV.scanExtraCaFile,
  ports: HANDLER_ENV.scanPorts,
  certificateNamesFile: HANDLER_ENV.scanCertificateNamesFile,
  certificateNamesUrl: HANDLER_ENV.scanCertificateNamesUrl,
  callbackZone: HANDLER_ENV.scanCallbackZone,
  callbackWaitMs: HANDLER_ENV.scanCallbackWaitMs,
  scheduleGroup: HANDLER_ENV.scanScheduleGroup,
  scheduleRoleArn: HANDLER_ENV.scanScheduleRoleArn,
  stateMachineArn: HANDLER_ENV.scanStateMachineArn,
} as const;

export function scanDepsFromEnv(env: NodeJS.ProcessEnv, doc: DynamoDBDocumentClient): ScanDeps {
  const inventory = { doc, tableName: requireEnv(env, SCAN_ENV.inventoryTable) };
  const list = (name: string) =>
    (env[name] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  const ports = list(SCAN_ENV.ports).map(Number);
  if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))
    throw new Error(`${SCAN_ENV.ports} must list ports 1-65535`);
  const caFile = env[SCAN_ENV.extraCaFile];
  const ctFile = env[SCAN_ENV.certificateNamesFile];
  const ctUrl = env[SCAN_ENV.certificateNamesUrl];
  const zone = env[SCAN_ENV.callbackZone];
  const waitMs =
    env[SCAN_ENV.callbackWaitMs] === undefined ? undefined : Number(env[SCAN_ENV.callbackWaitMs]);
  if (waitMs !== undefined && !(Number.isInteger(waitMs) && waitMs > 0 && waitMs <= 120_000))
    throw new Error(`${SCAN_ENV.callbackWaitMs} must be 1-120000 (ms)`);
  const dns = dnsClient(list(SCAN_ENV.dnsServers));
  const allowLoopback = env[SCAN_ENV.allowLoopback] === 'true';
  const extraCa = caFile === undefined || caFile === '' ? [] : [readFileSync(caFile, 'utf8')];
  const certificateNames =
    ctFile !== undefined && ctFile !== ''
      ? certificateNamesFromFile(ctFile)
      : ctUrl !== undefined && ctUrl !== ''
        ? certificateTransparencySource({ baseUrl: ctUrl, allowLoopback, extraCa, lookup: dns.addresses })
        : undefined;
  return {
    inventory,
    findings: { doc, tableName: requireEnv(env, SCAN_ENV.findingsTable) },
    dns,
    settings: {
      allowLoopback,
      extraCa,
      connectTimeoutMs: 3000,
      requestTimeoutMs: 5000,
      userAgent: SCANNER_USER_AGENT,
      now: () => new Date(),
      environment: createEnvironmentClassifier(),
      // One Lambda container checks one host at a time; the Map bounds how many run at once.
      globalRate: rateLimiter(GLOBAL_RATE, GLOBAL_RATE / 10),
    },
    wordlist: DISCOVERY_WORDLIST,
    ports: ports.length > 0 ? ports : COMMON_API_PORTS,
    ...(certificateNames !== undefined && { certificateNames }),
    ...(zone !== undefined && zone !== '' && { canary: tableCanary(inventory, zone, waitMs) }),
    tenantConfig: cachedTenantConfig(inventory),
    ...scheduleFromEnv(env),
  };
}

function scheduleFromEnv(env: NodeJS.ProcessEnv): Pick<ScanDeps, 'ensureSchedule'> {
  const groupName = env[SCAN_ENV.scheduleGroup];
  if (groupName === undefined || groupName === '') return {};
  const config = {
    groupName,
    roleArn: requireEnv(env, SCAN_ENV.scheduleRoleArn),
    stateMachineArn: requireEnv(env, SCAN_ENV.stateMachineArn),
  };
  const client = new SchedulerClient({});
  return { ensureSchedule: (tenant) => ensureTenantSchedule(client, tenant, config) };
}

/** A certificate-transparency source backed by a JSON file (the local estate's issuance log). */
export function certificateNamesFromFile(path: string): CertificateNameSource {
  return async (domain) => {
    const names = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string[]>;
    return names[domain] ?? [];
  };
}
