/**
 * Same lifecycle as runtime findings: an open or acknowledged scan finding whose host was scanned
 * completely this time and no longer shows it is resolved by Surveyor, with the scan as the reason;
 * if it comes back, the lifecycle reopens it. Hosts that failed or did not answer keep their findings.
 */
import { changeFindingStatus, listFindings, type FindingsTable } from '#shared/findings/store';
import { findingId, SYSTEM_ACTOR } from '#shared/findings/lifecycle';
import { findingSubject } from './scan-store.ts';
import type { HostResult } from './scan-types.ts';

export async function resolveGoneFindings(
  findings: FindingsTable,
  tenant: string,
  hosts: readonly HostResult[],
  scanId: string,
  now: string,
): Promise<number> {
  const scanned = new Set(
    hosts.filter((h) => h.error === undefined && h.services.length > 0).map((h) => h.host),
  );
  const seen = new Set(
    hosts.flatMap((h) => h.findings.map((f) => findingId(tenant, f.type, findingSubject(f)))),
  );
  const candidates = [
    ...(await listFindings(findings, tenant, 'open')),
    ...(await listFindings(findings, tenant, 'acknowledged')),
  ];
  let resolved = 0;
  for (const finding of candidates) {
    if (finding.evidence.source !== 'external' || !scanned.has(finding.host) || seen.has(finding.id))
      continue;
    await changeFindingStatus(findings, tenant, finding.id, 'resolve', {
      by: SYSTEM_ACTOR,
      reason: `not seen by scan ${scanId}`,
      at: now,
    });
    resolved++;
  }
  return resolved;
}
