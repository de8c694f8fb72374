/**
 * Scans a list of targets in-process with bounded concurrency: what `surveyor scan --targets` and the
 * benchmark run. A host that throws becomes a result with `error`; the scan goes on.
 */
import { UnsafeTargetError } from '#shared/net/errors';
import { vetPinned } from '#shared/net/resolve';
import { mapLimit } from './map-limit.ts';
import { GLOBAL_RATE, rateLimiter } from './rate-limit.ts';
import { scanHost } from './scan-host.ts';
import { scanReport, type ScanReport } from './scan-report.ts';
import type { ScanSettings } from './scan-settings.ts';
import type { ExternalFinding, HostResult, HostTarget } from './scan-types.ts';

export interface ScanOutcome {
  readonly hosts: readonly HostResult[];
  readonly findings: readonly ExternalFinding[];
  readonly report: ScanReport;
}

export const DEFAULT_HOST_CONCURRENCY = 32;

export async function scanTargets(
  targets: readonly HostTarget[],
  settings: ScanSettings,
  options: { concurrency?: number; onHostDone?: (done: number, total: number) => void } = {},
): Promise<ScanOutcome> {
  let done = 0;
  const scoped = {
    ...settings,
    globalRate: settings.globalRate ?? rateLimiter(GLOBAL_RATE, GLOBAL_RATE / 10),
  };
  const hosts = await mapLimit(targets, options.concurrency ?? DEFAULT_HOST_CONCURRENCY, async (target) => {
    const result = await scanOneHost(target, scoped);
    options.onHostDone?.(++done, targets.length);
    return result;
  });
  return { hosts, findings: hosts.flatMap((h) => h.findings), report: scanReport(hosts) };
}

/** Checks one host; never throws (the Map state's "one failed host never fails the scan"). */
export async function scanOneHost(target: HostTarget, settings: ScanSettings): Promise<HostResult> {
  try {
    vetPinned(target.host, target.address, settings);
    return await scanHost(target, settings);
  } catch (error) {
    const reason =
      error instanceof UnsafeTargetError ? error.message : `check failed: ${(error as Error).message}`;
    return {
      host: target.host,
      address: target.address,
      environment: 'unknown',
      services: [],
      findings: [],
      operations: [],
      error: reason,
    };
  }
}
