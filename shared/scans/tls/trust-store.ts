/**
 * Chain trust judged apart from validity dates, so an expired certificate from a public CA is
 * `tls-expired` only, never also "untrusted" (OpenSSL's verify stops at the first error, the date).
 * This module owns a cache: Node's bundled roots are parsed once per process.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';

let bundled: readonly X509Certificate[] | undefined;
// Extra roots, parsed once per distinct set (a scan passes the same set for every host).
const withExtra = new Map<string, readonly X509Certificate[]>();

/** Node's bundled public roots plus the caller's extra roots (`--ca-file`). */
export function trustAnchors(extraPem: readonly string[] = []): readonly X509Certificate[] {
  bundled ??= rootCertificates.map((pem) => new X509Certificate(pem));
  const key = extraPem.join('\n');
  let anchors = withExtra.get(key);
  if (anchors === undefined) {
    anchors = [...extraPem.flatMap(splitPem).map((pem) => new X509Certificate(pem)), ...bundled];
    if (withExtra.size > 16) withExtra.clear();
    withExtra.set(key, anchors);
  }
  return anchors;
}

/** Every PEM certificate in a bundle. */
export function splitPem(bundle: string): string[] {
  return bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** Issuer equals subject and the certificate's own key verifies its signature. */
export function isSelfSigned(cert: X509Certificate): boolean {
  return cert.issuer === cert.subject && cert.checkIssued(cert) && cert.verify(cert.publicKey);
}

/**
 * True when `presented` (leaf first, then what the server sent) links, signature by signature, to a
 * trust anchor. Dates are not looked at.
 */
export function chainsToAnchor(
  presented: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
): boolean {
  let current = presented[0];
  const pool = presented.slice(1);
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const cert: X509Certificate = current;
    if (anchors.some((a) => a.fingerprint256 === cert.fingerprint256)) return true;
    if (anchors.some((a) => cert.checkIssued(a) && cert.verify(a.publicKey))) return true;
    current = pool.find((c) => c !== cert && cert.checkIssued(c) && cert.verify(c.publicKey));
  }
  return false;
}
