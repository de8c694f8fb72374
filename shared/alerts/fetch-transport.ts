/**
 * A transport over Node's fetch: one POST, redirects not followed, a timeout per attempt.
 * TODO(issue 12): replace with shared/net's vetted request (address checked on the resolved
 * address, connection pinned to it) as soon as it is on main; until then only the URL rules of
 * destination.ts apply at send time.
 */
import type { Transport } from './transport.ts';

export const fetchTransport: Transport = async (request) => {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  const body = (await response.text()).slice(0, 2000);
  return { status: response.status, headers: Object.fromEntries(response.headers), body };
};
