/**
 * The scan state machine's task logic, one function per state (plan, discover, check a host, record
 * it, summarise). Handlers in functions/ and the local runner call these with their dependencies;
 * inputs and outputs are the JSON the states pass along.
 */
import { randomUUID } from 'node:crypto';
import type { FindingsTable } from '#shared/findings/store';
import { tenantEnvironment } from '#shared/classify/call-classifier';
import type { TenantConfig } from '#shared/tenancy/tenant-config';
import { discoverHosts, type CertificateNameSource } from './discover-hosts.ts';
import type { DnsClient } from './dns-client.ts';
import {
  getDomain,
  getScanSettings,
  listDomains,
  markVerified,
  type InventoryTable,
} from './domain-store.ts';
import type { Log4ShellCanary } from './scan-settings.ts';
import { scanReport, type ScanReport } from './scan-report.ts';
import type { ScanSettings } from './scan-settings.ts';
import { previousScan, readHostResults, recordHostResult, saveScan, type ScanRef } from './scan-store.ts';
import { scanOneHost } from './scan-targets.ts';
import { resolveGoneFindings } from './resolve-gone.ts';
import type { HostResult, HostTarget } from './scan-types.ts';
import { DomainNotVerifiedError, isDomainVerified, normalizeDomain } from './verify-domain.ts';

export interface ScanDeps {
  readonly inventory: InventoryTable;
  readonly findings: FindingsTable;
  readonly dns: DnsClient;
  /** Everything but the Log4Shell canary, which is added per tenant. */
  readonly settings: Omit<ScanSettings, 'log4shell'>;
  readonly wordlist: readonly string[];
  readonly ports: readonly number[];
  readonly certificateNames?: CertificateNameSource;
  readonly canary?: Log4ShellCanary;
  /** The tenant's settings (its own non-production and production tokens), cached per container. */
  readonly tenantConfig?: (tenant: string) => Promise<TenantConfig>;
  /** Makes sure the tenant's recurring scan is scheduled (EventBridge Scheduler in AWS). */
  readonly ensureSchedule?: (tenant: string) => Promise<void>;
}

export interface ScanRequest {
  readonly tenant: string;
  /** Only this domain (on demand); otherwise every domain the tenant claimed. */
  readonly domain?: string;
}

export interface PlannedScan extends ScanRef {
  readonly domains: readonly string[];
  readonly unverified: readonly string[];
  readonly log4shell: boolean;
}

export interface DiscoveredScan extends ScanRef {
  readonly log4shell: boolean;
  readonly targets: readonly HostTarget[];
  readonly refused: readonly { host: string; reason: string }[];
}

export interface HostTask extends ScanRef {
  readonly log4shell: boolean;
  readonly target: HostTarget;
}

/** Verifies the tenant's domains now; throws `DomainNotVerifiedError` for a requested unverified one. */
export async function planScan(request: ScanRequest, deps: ScanDeps): Promise<PlannedScan> {
  const now = deps.settings.now().toISOString();
  const wanted = request.domain === undefined ? undefined : normalizeDomain(request.domain);
  const claims =
    wanted === undefined
      ? await listDomains(deps.inventory, request.tenant)
      : [await getDomain(deps.inventory, request.tenant, wanted)].filter((d) => d !== undefined);
  if (wanted !== undefined && claims.length === 0) throw new DomainNotClaimedError(request.tenant, wanted);
  const domains: string[] = [];
  const unverified: string[] = [];
  for (const claim of claims) {
    if (await isDomainVerified(deps.dns, claim.domain, claim.token)) {
      await markVerified(deps.inventory, request.tenant, claim.domain, now);
      domains.push(claim.domain);
    } else {
      if (wanted !== undefined) throw new DomainNotVerifiedError(claim.domain, claim.token);
      unverified.push(claim.domain);
    }
  }
  if (domains.length > 0) await deps.ensureSchedule?.(request.tenant);
  const { log4shell } = await getScanSettings(deps.inventory, request.tenant);
  return { tenant: request.tenant, scanId: randomUUID(), startedAt: now, domains, unverified, log4shell };
}

export async function discoverStep(plan: PlannedScan, deps: ScanDeps): Promise<DiscoveredScan> {
  const found = await discoverHosts(plan.domains, {
    dns: deps.dns,
    wordlist: deps.wordlist,
    ports: deps.ports,
    allowLoopback: deps.settings.allowLoopback,
    ...(deps.certificateNames !== undefined && { certificateNames: deps.certificateNames }),
  });
  const { tenant, scanId, startedAt, log4shell } = plan;
  return { tenant, scanId, startedAt, log4shell, targets: found.targets, refused: found.refused };
}

/** `non-production-host` judges names with the same vocabulary, and tenant tokens, as runtime traffic. */
export async function checkHostStep(task: HostTask, deps: ScanDeps): Promise<HostResult> {
  const canary = task.log4shell ? deps.canary : undefined;
  const config = await deps.tenantConfig?.(task.tenant);
  const environment =
    config === undefined ? deps.settings.environment : tenantEnvironment(config.settings ?? {});
  return scanOneHost(task.target, {
    ...deps.settings,
    environment,
    ...(canary !== undefined && { log4shell: canary }),
  });
}

export async function recordHostStep(
  task: HostTask & { readonly result: HostResult },
  deps: ScanDeps,
): Promise<{ host: string }> {
  await recordHostResult(deps.inventory, deps.findings, task, task.result, deps.settings.now().toISOString());
  return { host: task.result.host };
}

/** Hosts whose Map iteration failed are recorded by the state machine's catch as `{ host, error }`. */
export async function summariseStep(
  scan: ScanRef & { readonly failed?: readonly { host: string; error: string }[] },
  deps: ScanDeps,
): Promise<ScanRef & { report: ScanReport }> {
  const hosts = await readHostResults(deps.inventory, scan);
  const recorded = new Set(hosts.map((h) => h.host));
  for (const f of scan.failed ?? []) {
    if (!recorded.has(f.host))
      hosts.push({
        host: f.host,
        address: '',
        environment: 'unknown',
        services: [],
        findings: [],
        operations: [],
        error: f.error,
      });
  }
  const report = scanReport(hosts, await previousScan(deps.inventory, scan));
  const now = deps.settings.now().toISOString();
  await resolveGoneFindings(deps.findings, scan.tenant, hosts, scan.scanId, now);
  await saveScan(deps.inventory, scan, report, hosts, now);
  return { tenant: scan.tenant, scanId: scan.scanId, startedAt: scan.startedAt, report };
}

export class DomainNotClaimedError extends Error {
  constructor(tenant: string, domain: string) {
    super(`Tenant ${tenant} has not claimed ${domain}`);
    this.name = 'DomainNotClaimedError';
  }
}
