/**
 * The scanner's TLS client contexts, made once per process and owned here: building a context per
 * connection (Node's default) re-reads the root store and cost a third of a scan's CPU. The scanner
 * judges certificates itself, so these contexts hold no CA list.
 */
import { createSecureContext, type SecureContext } from 'node:tls';

/** OpenSSL 3 refuses TLS < 1.2 at the default security level; level 0 lets a probe ask for it. */
export const LEGACY_TLS = {
  minVersion: 'TLSv1',
  maxVersion: 'TLSv1.1',
  ciphers: 'DEFAULT@SECLEVEL=0',
} as const;

let modern: SecureContext | undefined;
let legacy: SecureContext | undefined;
let anyVersion: SecureContext | undefined;

/** TLS 1.2+ with Node's defaults. */
export function modernContext(): SecureContext {
  return (modern ??= createSecureContext({}));
}

/** TLS 1.0 and 1.1 only, at security level 0: the weak-protocol probe. */
export function legacyContext(): SecureContext {
  return (legacy ??= createSecureContext({ ...LEGACY_TLS }));
}

/** TLS 1.0 to 1.3 at security level 0: requests to a service that speaks only legacy TLS. */
export function anyVersionContext(): SecureContext {
  return (anyVersion ??= createSecureContext({ minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' }));
}
