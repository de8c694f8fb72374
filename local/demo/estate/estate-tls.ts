/** The certificate and TLS settings each TLS case of the estate serves. */
import type { SecureContextOptions, TlsOptions } from 'node:tls';
import {
  certificateAuthority,
  leafCertificate,
  rsaKeys,
  type Authority,
  type KeyPair,
} from './certificates.ts';
import type { TlsCase } from './estate-hosts.ts';

const DAY = 86_400_000;

export interface EstateAuthorities {
  /** The demo root the scan is told to trust (`--ca-file`). */
  readonly trusted: Authority;
  /** A CA nobody trusts: the "partner" chain. */
  readonly unknown: Authority;
  readonly keys: KeyPair;
  readonly weakKeys: KeyPair;
}

export function estateAuthorities(): EstateAuthorities {
  return {
    trusted: certificateAuthority('Acme Demo Root CA'),
    unknown: certificateAuthority('Unknown Partner CA'),
    keys: rsaKeys(2048),
    weakKeys: rsaKeys(1024),
  };
}

export function tlsOptions(
  tlsCase: TlsCase,
  name: string,
  ca: EstateAuthorities,
): TlsOptions & SecureContextOptions {
  const now = Date.now();
  const leaf = (extra: Partial<Parameters<typeof leafCertificate>[0]>) =>
    leafCertificate({ names: [name], keys: ca.keys, issuer: ca.trusted, ...extra });
  switch (tlsCase) {
    case 'valid':
      return leaf({});
    case 'expired':
      return leaf({ notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - 10 * DAY) });
    case 'not-yet-valid':
      return leaf({ notBefore: new Date(now + 10 * DAY), notAfter: new Date(now + 400 * DAY) });
    case 'expiring':
      return leaf({ notAfter: new Date(now + 10 * DAY) });
    case 'self-signed':
      return leafCertificate({ names: [name], keys: ca.keys });
    case 'untrusted':
      return leaf({ issuer: ca.unknown });
    case 'mismatch':
      return leaf({ names: [`other.${name.split('.').slice(1).join('.')}`] });
    case 'weak-key':
      // OpenSSL 3 loads a 1024-bit key only at security level 0.
      return { ...leaf({ keys: ca.weakKeys }), ciphers: 'DEFAULT@SECLEVEL=0' };
    case 'legacy-protocol':
      return { ...leaf({}), minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' };
  }
}
