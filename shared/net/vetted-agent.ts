/**
 * A keep-alive connection pool whose every new connection goes through `connectVetted` (address
 * re-vetted, SNI and certificate name from the request's host). Pass one to `httpRequest` to reuse
 * connections across many requests to the same service (a scanner's probes of one host); pooled
 * connections are keyed by host name, address, port and TLS settings, so none is shared across
 * names or policies. `destroy()` it when done.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressPolicy } from './address-policy.ts';
import { connectVetted, DEFAULT_CONNECT_TIMEOUT_MS, type TlsSettings } from './connect.ts';

export interface VettedAgentOptions extends AddressPolicy {
  /** Connections per (host, address, port); 4 by default. */
  readonly maxSocketsPerService?: number;
  readonly connectTimeoutMs?: number;
}

/** What `httpRequest` passes through the agent for each request. */
export interface VettedRequestTarget {
  readonly vettedHost: string;
  readonly host: string;
  readonly port: number;
  readonly vettedTls?: TlsSettings;
}

// A SecureContext serializes to nothing useful; pools tell contexts apart by identity.
const contextIds = new WeakMap<object, number>();

function tlsKey(settings: TlsSettings | undefined): string {
  if (settings === undefined) return 'plain';
  const { secureContext, ...rest } = settings;
  let id = 0;
  if (secureContext !== undefined) {
    id = contextIds.get(secureContext) ?? contextIds.set(secureContext, nextContextId++).get(secureContext)!;
  }
  return `${JSON.stringify(rest)}#${id}`;
}
let nextContextId = 1;

export class VettedAgent extends http.Agent {
  readonly policy: AddressPolicy;
  private readonly connectTimeoutMs: number;

  constructor(options: VettedAgentOptions = {}) {
    super({
      keepAlive: true,
      maxSockets: options.maxSocketsPerService ?? 4,
      maxFreeSockets: 2,
      scheduling: 'lifo',
    });
    this.policy = { allowLoopback: options.allowLoopback === true };
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  override getName(options?: http.ClientRequestArgs): string {
    const target = options as unknown as VettedRequestTarget;
    return `${target.vettedHost}|${target.host}|${target.port}|${tlsKey(target.vettedTls)}`;
  }

  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex | null | undefined {
    const target = options as unknown as VettedRequestTarget;
    connectVetted(
      { host: target.vettedHost, address: target.host, port: target.port },
      {
        ...this.policy,
        timeoutMs: this.connectTimeoutMs,
        ...(target.vettedTls !== undefined && { tls: target.vettedTls }),
      },
    ).then(
      (socket) => callback?.(null, socket),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
