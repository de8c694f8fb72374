/** `surveyor scan` output: `{ hosts, findings: [{ type, severity, host, port, evidence }], report }` or a table. */
import { severityRank } from '#shared/findings/catalogue';
import type { ScanOutcome } from '#shared/scans/scan-targets';

export function scanJson(outcome: ScanOutcome) {
  return {
    hosts: outcome.hosts.map(({ operations: _o, ...host }) => host),
    findings: sortedFindings(outcome).map(({ type, severity, host, port, evidence }) => ({
      type,
      severity,
      host,
      port,
      evidence,
    })),
    report: outcome.report,
  };
}

export function renderScan(outcome: ScanOutcome): string {
  const lines = sortedFindings(outcome).map(
    (f) => `${f.severity.padEnd(8)} ${f.type.padEnd(22)} ${f.host}:${f.port}${f.path ?? ''}`,
  );
  const r = outcome.report;
  lines.push(
    '',
    `${r.hosts} hosts (${r.hostsWithServices} answering, ${r.apiServers} API servers); ` +
      `${r.nonProductionPercent}% non-production, ${r.tlsIssuesPercent}% with TLS issues; ` +
      `${r.exposedFiles} exposed files, ${r.exposedSpecs} exposed specs, ` +
      `${r.log4shellSuspects.length} Log4Shell suspects`,
  );
  for (const host of outcome.hosts)
    if (host.error !== undefined) lines.push(`not scanned: ${host.host}: ${host.error}`);
  return lines.join('\n');
}

function sortedFindings(outcome: ScanOutcome) {
  return [...outcome.findings].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      a.host.localeCompare(b.host) ||
      a.type.localeCompare(b.type) ||
      (a.path ?? '').localeCompare(b.path ?? ''),
  );
}
