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
