/**
 * Conformance per host for the specs page and `GET /api/v1/specs`: how many of a host's observed
 * endpoints its specs document, and how many are shadow, method-not-in-spec or zombie, judged the
 * way the assessment judges them (assessInventory's `classification.spec`).
 */
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { SpecModel } from '#shared/openapi/spec-model';
import { assessInventory } from './assess-inventory.ts';

export interface HostConformance {
  readonly host: string;
  /** False when no uploaded spec covers the host: nothing there is judged. */
  readonly covered: boolean;
  readonly endpoints: number;
  readonly documented: number;
  readonly shadow: number;
  readonly methodNotInSpec: number;
  readonly zombie: number;
}

const COUNTED = {
  documented: 'documented',
  shadow: 'shadow',
  'method-not-in-spec': 'methodNotInSpec',
  zombie: 'zombie',
} as const;

/** `conformanceByHost(await data.inventory.list(), config.specs)`, hosts in name order. */
export function conformanceByHost(
  endpoints: readonly EndpointSummary[],
  specs: readonly SpecModel[],
): HostConformance[] {
  const judged = specs.length === 0 ? endpoints : assessInventory(endpoints, { specs }).endpoints;
  const hosts = new Map<string, { -readonly [K in keyof HostConformance]: HostConformance[K] }>();
  for (const endpoint of judged) {
    const row = hosts.get(endpoint.host) ?? {
      host: endpoint.host,
      covered: false,
      endpoints: 0,
      documented: 0,
      shadow: 0,
      methodNotInSpec: 0,
      zombie: 0,
    };
    row.endpoints += 1;
    const status = endpoint.classification?.spec;
    if (status !== undefined && status in COUNTED) {
      row.covered = true;
      row[COUNTED[status as keyof typeof COUNTED]] += 1;
    }
    hosts.set(endpoint.host, row);
  }
  return [...hosts.values()].sort((a, b) => a.host.localeCompare(b.host));
}
