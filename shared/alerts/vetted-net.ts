/**
 * The network as alert delivery uses it, through shared/net: the save-time vetter resolves a
 * destination and refuses it when any address is unsafe; the transport resolves once, vets every
 * address and connects to the vetted one (no second lookup), never follows redirects and keeps only
 * the start of the answer. Loopback is allowed only in local mode.
 */
import {
  HostNotFoundError,
  httpRequest,
  InvalidTargetError,
  resolveVetted,
  UnsafeTargetError,
  urlHost,
  type LookupAddresses,
} from '#shared/net/index';
import type { DestinationPolicy } from './destination.ts';
import { RefusedAddressError, type DestinationVetter, type Transport } from './transport.ts';

/** Answers kept for the dead letter's reason: the start of the body is enough. */
const MAX_BODY_BYTES = 4096;

function refused(error: unknown): Error {
  if (error instanceof UnsafeTargetError || error instanceof InvalidTargetError)
    return new RefusedAddressError(error.message, { cause: error });
  return error as Error;
}

/** `vettedTransport(AWS_DESTINATIONS)`; `lookup` replaces the system resolver (tests). */
export function vettedTransport(policy: DestinationPolicy, lookup?: LookupAddresses): Transport {
  return async (request) => {
    try {
      const response = await httpRequest(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        timeoutMs: request.timeoutMs,
        redirect: 'manual',
        maxBodyBytes: MAX_BODY_BYTES,
        allowLoopback: policy.allowLoopback,
        ...(lookup !== undefined && { lookup }),
      });
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : value,
        ]),
      );
      return { status: response.status, headers, body: response.body.toString('utf8') };
    } catch (error) {
      throw refused(error);
    }
  };
}

/** Save-time check: the destination's name resolves, and to allowed addresses only. */
export function destinationVetter(policy: DestinationPolicy, lookup?: LookupAddresses): DestinationVetter {
  return async (url) => {
    try {
      await resolveVetted(urlHost(url), {
        allowLoopback: policy.allowLoopback,
        ...(lookup !== undefined && { lookup }),
      });
    } catch (error) {
      if (error instanceof HostNotFoundError)
        throw new RefusedAddressError(`${urlHost(url)} does not resolve`, { cause: error });
      throw refused(error);
    }
  };
}
