/**
 * The attack-surface report of one scan: hosts, API servers, share of non-production hosts and of
 * hosts with TLS issues, exposed files and specs, Log4Shell suspects, and what is new since the last
 * scan (hosts and findings compared by identity).
 */
import type { ExternalFinding, HostResult } from './scan-types.ts';

export interface ScanReport {
  readonly hosts: number;
  readonly hostsWithServices: number;
  readonly apiServers: number;
  readonly nonProductionPercent: number;
  readonly tlsIssuesPercent: number;
  readonly exposedFiles: number;
  readonly exposedSpecs: number;
  readonly log4shellSuspects: readonly string[];
  readonly failedHosts: readonly string[];
  readonly findingsByType: Readonly<Record<string, number>>;
  readonly newHosts: readonly string[];
  readonly newFindings: number;
}

/** What the previous scan saw, to tell what is new. */
export interface PreviousScan {
  readonly hosts: readonly string[];
  readonly findingKeys: readonly string[];
}

export function findingKey(f: Pick<ExternalFinding, 'type' | 'host' | 'port' | 'path'>): string {
  return `${f.type} ${f.host}:${f.port}${f.path ?? ''}`;
}

export function scanReport(results: readonly HostResult[], previous?: PreviousScan): ScanReport {
  const live = results.filter((h) => h.services.length > 0);
  const findings = results.flatMap((h) => h.findings);
  const byType: Record<string, number> = {};
  for (const f of findings) byType[f.type] = (byType[f.type] ?? 0) + 1;
  const hostsWith = (test: (f: ExternalFinding) => boolean) =>
    new Set(findings.filter(test).map((f) => f.host));
  const percent = (n: number) => (live.length === 0 ? 0 : Math.round((1000 * n) / live.length) / 10);
  const knownHosts = new Set(previous?.hosts ?? []);
  const knownFindings = new Set(previous?.findingKeys ?? []);
  return {
    hosts: results.length,
    hostsWithServices: live.length,
    apiServers: live.filter((h) => h.services.some((s) => s.api)).length,
    nonProductionPercent: percent(live.filter((h) => h.environment !== 'production').length),
    tlsIssuesPercent: percent(hostsWith((f) => f.type.startsWith('tls-')).size),
    exposedFiles: byType['exposed-secret-file'] ?? 0,
    exposedSpecs: byType['exposed-api-spec'] ?? 0,
    log4shellSuspects: [...hostsWith((f) => f.type === 'log4shell')].sort(),
    failedHosts: results.filter((h) => h.error !== undefined).map((h) => h.host),
    findingsByType: byType,
    newHosts: previous === undefined ? [] : live.map((h) => h.host).filter((h) => !knownHosts.has(h)),
    newFindings:
      previous === undefined ? 0 : findings.filter((f) => !knownFindings.has(findingKey(f))).length,
  };
}
