/**
 * The facts about one inventory endpoint that findings are computed from. It is the minimal shape the
 * spec, rules and evaluation code read, so an inventory item (plus its classification) can be passed
 * as it is: every field beyond the identity and the counters is optional and means "not known".
 */

/** Counts per name (`{ '200': 40, '404': 2 }`), or just the names when counts are not kept. */
export type Tally = Readonly<Record<string, number>> | readonly string[];

export interface EndpointFacts {
  readonly host: string;
  readonly method: string;
  /** Template with `{name}` parameters (`/users/{id}`) or a concrete path. */
  readonly path: string;
  readonly calls: number;
  /** Calls from outside the tenant's networks. */
  readonly externalCalls?: number;
  /** Calls with sensitive data in their URL. */
  readonly sensitiveCalls?: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Observed response status codes, e.g. `{ '200': 950, '500': 3 }`. */
  readonly statusCodes?: Tally;
  /** Observed status classes, e.g. `{ '2xx': 950, '5xx': 3 }` (used when codes are not kept). */
  readonly statusClasses?: Tally;
  /** Calls per authentication scheme (`none`, `jwt`, `basic`, `credential-in-query`, ...). */
  readonly authSchemes?: Tally;
  /** Scheme names from classification; falls back to the keys of `authSchemes`. */
  readonly auth?: readonly string[];
  readonly exposure?: 'internal' | 'external';
  /** `production`, `staging`, `dev`, ... */
  readonly environment?: string;
  /** Sensitive data types seen in the path or query (`email`, `credit-card`, `jwt`, ...). */
  readonly sensitive?: readonly string[];
  /** Calls per ISO 3166 alpha-2 country code of the caller. */
  readonly countries?: Tally;
  /** Calls per caller ASN (`'AS16509'` or `'16509'`). */
  readonly asns?: Tally;
  /** Calls per TLS protocol (`TLSv1.2`, `TLSv1`, ...). */
  readonly tlsProtocols?: Tally;
  /** Names of query parameters seen (never their values). */
  readonly queryKeys?: readonly string[];
}

/** Names in a tally: `namesOf({ a: 1, b: 0 })` -> ['a', 'b'] (zero counts kept: they were seen). */
export function namesOf(tally: Tally | undefined): string[] {
  if (tally === undefined) return [];
  return Array.isArray(tally) ? [...(tally as readonly string[])] : Object.keys(tally);
}

/** Count for one name; an array tally counts 1 per listed name. */
export function countOf(tally: Tally | undefined, name: string): number {
  if (tally === undefined) return 0;
  if (Array.isArray(tally)) return (tally as readonly string[]).includes(name) ? 1 : 0;
  return (tally as Readonly<Record<string, number>>)[name] ?? 0;
}

/** Auth scheme names of an endpoint: its classification, else the schemes counted in its calls. */
export function authOf(endpoint: EndpointFacts): string[] {
  return endpoint.auth !== undefined ? [...endpoint.auth] : namesOf(endpoint.authSchemes);
}

/**
 * The statuses an endpoint was seen answering: its codes, else its classes, leaving out names counted
 * zero times (an inventory item lists every class, most at 0) and `0`/`other` (no response was sent).
 * `observedStatuses({ statusClasses: { '2xx': 3, '5xx': 0, other: 1 } })` -> `['2xx']`.
 */
export function observedStatuses(endpoint: {
  readonly statusCodes?: Tally;
  readonly statusClasses?: Tally;
}): string[] {
  const codes = seen(endpoint.statusCodes);
  return codes.length > 0 ? codes : seen(endpoint.statusClasses);
}

function seen(tally: Tally | undefined): string[] {
  if (tally === undefined) return [];
  const names = Array.isArray(tally)
    ? (tally as readonly string[])
    : Object.keys(tally).filter((name) => ((tally as Readonly<Record<string, number>>)[name] ?? 0) > 0);
  return names.filter((name) => name !== '0' && name.toLowerCase() !== 'other');
}
