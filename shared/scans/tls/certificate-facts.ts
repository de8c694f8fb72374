/** What the TLS checks need to know about a served certificate, read once from the handshake. */
import type { X509Certificate } from 'node:crypto';
import { isIpLiteral } from '#shared/net/address-policy';
import { chainsToAnchor, isSelfSigned } from './trust-store.ts';

export interface CertificateFacts {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly selfSigned: boolean;
  readonly trusted: boolean;
  readonly matchesHost: boolean;
  readonly names: readonly string[];
  readonly keyType: string;
  readonly keyBits: number;
  readonly fingerprint: string;
}

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime192v1: 192,
  secp192r1: 192,
  secp224r1: 224,
  prime256v1: 256,
  secp256r1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
};

/** `presented` is the chain as served, leaf first. */
export function certificateFacts(
  host: string,
  presented: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
): CertificateFacts {
  const leaf = presented[0]!;
  const key = leaf.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType ?? 'unknown';
  const keyBits =
    keyType === 'rsa' || keyType === 'rsa-pss' || keyType === 'dsa'
      ? (details.modulusLength ?? 0)
      : keyType === 'ec'
        ? (CURVE_BITS[details.namedCurve ?? ''] ?? 0)
        : keyType === 'ed25519'
          ? 256
          : keyType === 'ed448'
            ? 448
            : 0;
  const selfSigned = isSelfSigned(leaf);
  const matchesHost = isIpLiteral(host)
    ? leaf.checkIP(host) !== undefined
    : leaf.checkHost(host) !== undefined;
  return {
    subject: oneLine(leaf.subject),
    issuer: oneLine(leaf.issuer),
    notBefore: new Date(leaf.validFrom).toISOString(),
    notAfter: new Date(leaf.validTo).toISOString(),
    selfSigned,
    trusted: chainsToAnchor(presented, anchors),
    matchesHost,
    names: (leaf.subjectAltName ?? '')
      .split(', ')
      .filter((n) => n !== '')
      .slice(0, 20),
    keyType,
    keyBits,
    fingerprint: leaf.fingerprint256,
  };
}

function oneLine(name: string): string {
  return name.split('\n').join(', ');
}
