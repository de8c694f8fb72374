/**
 * Opens a TCP or TLS connection to one vetted address. The address is checked again here, right
 * before the connection, so no caller can reach a refused address by skipping `resolveVetted`. For
 * TLS the host name goes into SNI and the certificate check; no name is ever resolved here.
 */
import net from 'node:net';
import tls from 'node:tls';
import { isIpLiteral, type AddressPolicy } from './address-policy.ts';
import { InvalidTargetError, NetTimeoutError } from './errors.ts';
import { vetPinned } from './resolve.ts';

/** Where to connect: `host` names the service (SNI, Host, certificate), `address` is dialled. */
export interface ConnectTarget {
  readonly host: string;
  readonly address: string;
  readonly port: number;
}

/** TLS settings a caller may choose; host, servername and socket wiring are set here. */
export type TlsSettings = Pick<
  tls.ConnectionOptions,
  | 'ca'
  | 'rejectUnauthorized'
  | 'minVersion'
  | 'maxVersion'
  | 'ciphers'
  | 'ALPNProtocols'
  | 'secureContext'
  | 'sigalgs'
  | 'ecdhCurve'
>;

export interface ConnectOptions extends AddressPolicy {
  /** Connect and (for TLS) handshake within this time; 5 s by default. */
  readonly timeoutMs?: number;
  /** TLS on top of TCP; certificates are verified unless `rejectUnauthorized: false`. */
  readonly tls?: TlsSettings;
  readonly signal?: AbortSignal;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;

/**
 * Resolves once connected (for TLS: once the handshake is done, authorized or not when
 * `rejectUnauthorized` is false). Throws `UnsafeTargetError`, `InvalidTargetError`,
 * `NetTimeoutError`, or the socket's own error (ECONNREFUSED, a TLS alert).
 * @example const socket = await connectVetted({ host: 'api.example.com', address: '93.184.215.14', port: 443 }, { tls: {} })
 */
export function connectVetted(
  target: ConnectTarget,
  options: ConnectOptions = {},
): Promise<net.Socket | tls.TLSSocket> {
  let address: string;
  try {
    address = vetPinned(target.host, target.address, options).address;
  } catch (error) {
    return Promise.reject(error);
  }
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    return Promise.reject(new InvalidTargetError(`Invalid port ${String(target.port)} for ${target.host}`));
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const label = `${target.host}:${target.port}`;
  return new Promise((resolve, reject) => {
    // `servername` is omitted for IP literals: SNI carries names only (RFC 6066).
    const socket =
      options.tls === undefined
        ? net.connect({ host: address, port: target.port })
        : tls.connect({
            ...options.tls,
            host: address,
            port: target.port,
            ...(isIpLiteral(target.host) ? {} : { servername: target.host }),
            // Certificate names are checked against the service's name, not the dialled address.
            checkServerIdentity: (_host, cert) => tls.checkServerIdentity(target.host, cert),
          });
    const ready = options.tls === undefined ? 'connect' : 'secureConnect';
    const timer = setTimeout(() => fail(new NetTimeoutError(label, timeoutMs)), timeoutMs);
    const onAbort = (): void => fail(options.signal?.reason ?? new Error('aborted'));
    const cleanup = (): void => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.off('error', fail);
      socket.off(ready, done);
    };
    function fail(error: unknown): void {
      cleanup();
      socket.destroy();
      reject(error);
    }
    function done(): void {
      cleanup();
      resolve(socket);
    }
    if (options.signal?.aborted === true) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', fail);
    socket.once(ready, done);
  });
}

/** `host` as it goes into a Host header or URL: IPv6 literals in brackets. */
export function hostForHeader(host: string, port: number, defaultPort: number): string {
  const name = host.includes(':') ? `[${host}]` : host;
  return port === defaultPort ? name : `${name}:${port}`;
}
