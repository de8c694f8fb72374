/** TLS handshakes against one service: the certificate as served, and whether TLS 1.0/1.1 is accepted. */
import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { connectVetted } from '#shared/net/connect';
import type { ScanSettings } from '../scan-settings.ts';
import { legacyContext, modernContext } from './scan-contexts.ts';

export interface TlsHandshake {
  readonly protocol: string;
  /** Only a TLS 1.0/1.1 handshake worked. */
  readonly legacyOnly: boolean;
  /** Leaf first, then the rest of what the server sent. */
  readonly chain: readonly X509Certificate[];
}

interface Endpoint {
  readonly host: string;
  readonly address: string;
  readonly port: number;
}

/**
 * A handshake that accepts any certificate, so the certificate can be judged; a service that only
 * speaks TLS 1.0/1.1 is retried with legacy settings. Throws when the port does not speak TLS.
 */
export async function handshake(target: Endpoint, settings: ScanSettings): Promise<TlsHandshake> {
  const connect = (legacy: boolean) =>
    connectVetted(target, {
      allowLoopback: settings.allowLoopback,
      timeoutMs: settings.connectTimeoutMs,
      tls: { rejectUnauthorized: false, secureContext: legacy ? legacyContext() : modernContext() },
    }) as Promise<TLSSocket>;
  let legacyOnly = false;
  const socket = await connect(false).catch(async (error: unknown) => {
    if (!isTlsRefusal(error)) throw error;
    legacyOnly = true;
    return connect(true);
  });
  try {
    const chain = servedChain(socket.getPeerCertificate(true));
    return { protocol: socket.getProtocol() ?? 'unknown', legacyOnly, chain };
  } finally {
    socket.destroy();
  }
}

/** A TLS alert about versions or ciphers (not a refused connection or plain HTTP). */
function isTlsRefusal(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return /ERR_SSL_(?:TLSV1_ALERT_PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|SSLV3_ALERT_HANDSHAKE_FAILURE|TLSV1_ALERT_INSUFFICIENT_SECURITY)/.test(
    code,
  );
}

/** The legacy protocol the service accepts (`TLSv1.1`, `TLSv1`), or undefined. */
export async function legacyProtocol(target: Endpoint, settings: ScanSettings): Promise<string | undefined> {
  try {
    const socket = (await connectVetted(target, {
      allowLoopback: settings.allowLoopback,
      timeoutMs: settings.connectTimeoutMs,
      tls: { rejectUnauthorized: false, secureContext: legacyContext() },
    })) as TLSSocket;
    const protocol = socket.getProtocol() ?? undefined;
    socket.destroy();
    return protocol;
  } catch {
    return undefined;
  }
}

function servedChain(peer: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer;
  while (current?.raw !== undefined && !seen.has(current.fingerprint256) && chain.length < 10) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}
