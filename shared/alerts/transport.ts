/**
 * The seam between alert delivery and the network: one POST, answered or thrown. Production uses
 * the vetted transport (address checks on the resolved address, no redirects); tests inject servers
 * of their own or failures.
 */
export interface AlertRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

export interface AlertResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The start of the body, for error reasons. */
  readonly body: string;
}

export type Transport = (request: AlertRequest) => Promise<AlertResponse>;

/** Resolves a destination's host and refuses it when any address is unsafe (save-time check). */
export type DestinationVetter = (url: URL) => Promise<void>;

/**
 * Thrown by a transport or vetter when the destination's address is refused: never retried, and
 * the reason is kept with the dead letter.
 */
export class RefusedAddressError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RefusedAddressError';
  }
}
