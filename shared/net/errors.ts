/** Why a connection or request was not made or did not finish. Each names the target it was for. */

/** The target resolves to (or is) an address Surveyor must not connect to. */
export class UnsafeTargetError extends Error {
  constructor(
    readonly target: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`Refused ${target}: ${address === target ? '' : `${address} is a `}${reason}`);
    this.name = 'UnsafeTargetError';
  }
}

/** Not a usable host name, port, URL or address (before any connection is attempted). */
export class InvalidTargetError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidTargetError';
  }
}

/** The name did not resolve (no such name, no A/AAAA records, resolver failure). */
export class HostNotFoundError extends Error {
  constructor(
    readonly host: string,
    options?: { cause?: unknown },
  ) {
    super(`${host} did not resolve${causeCode(options?.cause)}`, options);
    this.name = 'HostNotFoundError';
  }
}

/** Connecting, the TLS handshake or the whole request took longer than allowed. */
export class NetTimeoutError extends Error {
  constructor(
    readonly target: string,
    readonly timeoutMs: number,
  ) {
    super(`${target} did not answer within ${timeoutMs} ms`);
    this.name = 'NetTimeoutError';
  }
}

/** A redirect the request's policy does not follow (policy `error`, too many, or a downgrade). */
export class RedirectRefusedError extends Error {
  constructor(
    readonly from: string,
    readonly location: string,
    reason: string,
  ) {
    super(`Redirect from ${from} to ${location} refused: ${reason}`);
    this.name = 'RedirectRefusedError';
  }
}

function causeCode(cause: unknown): string {
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}
