import type { Tally } from '#shared/findings/endpoint-facts';

/**
 * Whether an observed status is covered by an operation's documented responses. OpenAPI allows exact
 * codes, ranges (`2XX`) and `default`; the inventory may only keep classes (`5xx`) for some endpoints.
 */

/** `isDocumentedStatus('404', ['200', '4XX']) === true`; a class (`5xx`) needs a code or range in it. */
export function isDocumentedStatus(observed: string, documented: readonly string[]): boolean {
  if (documented.includes('default')) return true;
  const upper = observed.toUpperCase();
  if (/^\dXX$/.test(upper)) return documented.some((d) => d.toUpperCase()[0] === upper[0]);
  return documented.some((d) => {
    const doc = d.toUpperCase();
    return doc === upper || (/^\dXX$/.test(doc) && doc[0] === upper[0]);
  });
}

/** Statuses that show the server routed and handled the request (not "no such route/method"). */
export function showsAccepted(status: string): boolean {
  const upper = status.toUpperCase();
  if (/^[23]XX$/.test(upper)) return true;
  if (/^\dXX$/.test(upper)) return false; // 4xx/5xx classes alone prove nothing either way
  const code = Number(status);
  if (!Number.isInteger(code) || code < 100) return false;
  // 404/405/501 are what a router answers for an unknown route or method; API Gateway REST answers
  // 403 "Missing Authentication Token" for unknown routes, and 401/429 can come before routing.
  if ([401, 403, 404, 405, 429, 501].includes(code)) return false;
  return code < 400 || code >= 500 || [400, 409, 413, 415, 422].includes(code);
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
