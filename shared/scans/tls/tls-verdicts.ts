/**
 * Certificate facts to findings, one verdict per cause: an expired certificate is `tls-expired` only
 * (not also expiring soon), a self-signed one is `tls-self-signed` only (not also untrusted). Dates,
 * trust, name and key are separate causes and each gives at most one finding.
 */
import type { ExternalFinding } from '../scan-types.ts';
import { externalFinding } from '../external-finding.ts';
import type { CertificateFacts } from './certificate-facts.ts';

const EXPIRING_DAYS = 30;
const DAY_MS = 86_400_000;

export function tlsVerdicts(
  host: string,
  port: number,
  facts: CertificateFacts,
  now: Date,
): ExternalFinding[] {
  const findings: ExternalFinding[] = [];
  const base = { subject: facts.subject, issuer: facts.issuer, fingerprint: facts.fingerprint };
  const at = now.getTime();
  const notAfter = Date.parse(facts.notAfter);
  const notBefore = Date.parse(facts.notBefore);
  if (at > notAfter) {
    findings.push(externalFinding('tls-expired', host, port, { ...base, notAfter: facts.notAfter }));
  } else if (at < notBefore) {
    findings.push(externalFinding('tls-not-yet-valid', host, port, { ...base, notBefore: facts.notBefore }));
  } else if (notAfter - at < EXPIRING_DAYS * DAY_MS) {
    const days = Math.floor((notAfter - at) / DAY_MS);
    findings.push(
      externalFinding('tls-expiring-soon', host, port, { ...base, notAfter: facts.notAfter, daysLeft: days }),
    );
  }
  if (!facts.trusted) {
    findings.push(
      facts.selfSigned
        ? externalFinding('tls-self-signed', host, port, base)
        : externalFinding('tls-untrusted-chain', host, port, base),
    );
  }
  if (!facts.matchesHost) {
    findings.push(externalFinding('tls-hostname-mismatch', host, port, { ...base, names: [...facts.names] }));
  }
  const weak =
    (facts.keyType === 'ec' && facts.keyBits < 256) ||
    (facts.keyType.startsWith('rsa') && facts.keyBits < 2048);
  if (weak || facts.keyType === 'dsa') {
    findings.push(
      externalFinding('tls-weak-key', host, port, {
        ...base,
        keyType: facts.keyType,
        keyBits: facts.keyBits,
      }),
    );
  }
  return findings;
}
