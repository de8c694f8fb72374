/**
 * An endpoint's classification from its aggregated counters, the same way for the CLI's in-memory
 * aggregates and the pipeline's stored items.
 */
import type { EndpointSummary } from '#events/endpoint-summary.schema';
import type { EnvironmentClassifier } from './environment.ts';

export type EndpointClassification = NonNullable<EndpointSummary['classification']>;

/** How many countries and ASNs an endpoint lists (stored sets keep the same number). */
export const CALLER_LIST_LIMIT = 50;

export interface EndpointTraits {
  readonly host: string;
  /** Calls per auth scheme. */
  readonly auth: Readonly<Record<string, number>>;
  readonly externalCalls: number;
  readonly sensitive: Iterable<string>;
  readonly countries: Iterable<string>;
  readonly asns: Iterable<string>;
}

/** `classifyEndpoint({ host: 'api-dev.example.com', auth: { none: 3 }, externalCalls: 1, ... }, env)` */
export function classifyEndpoint(
  t: EndpointTraits,
  environment: EnvironmentClassifier,
): EndpointClassification {
  return {
    // Most-used scheme first; ties by name so every run prints the same order.
    auth: Object.entries(t.auth)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([scheme]) => scheme),
    exposure: t.externalCalls > 0 ? 'external' : 'internal',
    environment: environment(t.host),
    sensitive: [...t.sensitive].sort(),
    countries: [...t.countries].sort().slice(0, CALLER_LIST_LIMIT),
    asns: [...t.asns].sort().slice(0, CALLER_LIST_LIMIT),
  };
}
