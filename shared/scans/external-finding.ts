/** Builds a scan finding with the catalogue's severity; evidence never carries secret values. */
import { CATALOGUE } from '#shared/findings/catalogue';
import type { ExternalFinding, ScanFindingType } from './scan-types.ts';

export function externalFinding(
  type: ScanFindingType,
  host: string,
  port: number,
  evidence: ExternalFinding['evidence'],
  path?: string,
): ExternalFinding {
  return {
    type,
    severity: CATALOGUE[type].severity,
    host,
    port,
    evidence,
    ...(path !== undefined && { path }),
  };
}
