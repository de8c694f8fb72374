/**
 * The network as alert delivery uses it: a transport for one POST (no redirects, a timeout per
 * attempt) and the save-time vetter of a destination's addresses.
 * TODO(issue 12): both delegate to shared/net (resolve once, vet every address, connect to the
 * vetted address) as soon as it is on main; until then only the URL rules of destination.ts apply.
 */
import type { DestinationPolicy } from './destination.ts';
import type { DestinationVetter, Transport } from './transport.ts';

export function vettedTransport(_policy: DestinationPolicy): Transport {
  return async (request) => {
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
}

export function destinationVetter(_policy: DestinationPolicy): DestinationVetter {
  return async () => undefined;
}
