import { describe, it, expect } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { certificateAuthority, leafCertificate, rsaKeys } from '#local/demo/estate/certificates';
import { certificateFacts, type CertificateFacts } from '#shared/scans/tls/certificate-facts';
import { tlsVerdicts } from '#shared/scans/tls/tls-verdicts';
import { chainsToAnchor, isSelfSigned, trustAnchors } from '#shared/scans/tls/trust-store';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T00:00:00Z');
const keys = rsaKeys(2048);
const root = certificateAuthority('Test Root', keys);
const other = certificateAuthority('Other Root', keys);
const cert = (pem: string) => new X509Certificate(pem);

const facts = (over: Partial<CertificateFacts> = {}): CertificateFacts => ({
  subject: 'CN=api.example.com',
  issuer: 'CN=Test Root',
  notBefore: new Date(NOW.getTime() - 100 * DAY).toISOString(),
  notAfter: new Date(NOW.getTime() + 200 * DAY).toISOString(),
  selfSigned: false,
  trusted: true,
  matchesHost: true,
  names: ['DNS:api.example.com'],
  keyType: 'rsa',
  keyBits: 2048,
  fingerprint: 'AA',
  ...over,
});
const types = (f: CertificateFacts) =>
  tlsVerdicts('api.example.com', 443, f, NOW)
    .map((v) => v.type)
    .sort();

describe('tlsVerdicts', () => {
  it('finds nothing on a valid, trusted, matching certificate with a strong key', () => {
    expect(types(facts())).toEqual([]);
  });

  it('calls an expired certificate expired only, not also expiring soon', () => {
    expect(types(facts({ notAfter: new Date(NOW.getTime() - DAY).toISOString() }))).toEqual(['tls-expired']);
  });

  it('calls a self-signed certificate self-signed only, not also untrusted', () => {
    expect(types(facts({ selfSigned: true, trusted: false }))).toEqual(['tls-self-signed']);
    expect(types(facts({ selfSigned: false, trusted: false }))).toEqual(['tls-untrusted-chain']);
  });

  it('reports each independent cause once: dates, trust, name and key', () => {
    const all = facts({
      notBefore: new Date(NOW.getTime() + DAY).toISOString(),
      trusted: false,
      matchesHost: false,
      keyBits: 1024,
    });
    expect(types(all)).toEqual([
      'tls-hostname-mismatch',
      'tls-not-yet-valid',
      'tls-untrusted-chain',
      'tls-weak-key',
    ]);
  });

  it('flags RSA under 2048 and EC under 256 bits, and certificates within 30 days of expiry', () => {
    expect(types(facts({ keyType: 'ec', keyBits: 224 }))).toEqual(['tls-weak-key']);
    expect(types(facts({ keyType: 'ec', keyBits: 256 }))).toEqual([]);
    expect(types(facts({ notAfter: new Date(NOW.getTime() + 29 * DAY).toISOString() }))).toEqual([
      'tls-expiring-soon',
    ]);
    expect(types(facts({ notAfter: new Date(NOW.getTime() + 31 * DAY).toISOString() }))).toEqual([]);
  });

  it('never gives more than one date verdict for any validity window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 1, max: 800 }),
        (startDays, length) => {
          const notBefore = new Date(NOW.getTime() + startDays * DAY);
          const notAfter = new Date(notBefore.getTime() + length * DAY);
          const found = types(
            facts({ notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() }),
          );
          const dates = found.filter((t) =>
            ['tls-expired', 'tls-not-yet-valid', 'tls-expiring-soon'].includes(t),
          );
          expect(dates.length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('certificate facts and chain trust', () => {
  it('trusts a leaf issued by an extra root, even once expired (dates are judged apart)', () => {
    const leaf = leafCertificate({
      names: ['api.example.com'],
      keys,
      issuer: root,
      notAfter: new Date(Date.now() - DAY),
      notBefore: new Date(Date.now() - 9 * DAY),
    });
    const f = certificateFacts('api.example.com', [cert(leaf.cert)], trustAnchors([root.cert]));
    expect(f).toMatchObject({
      trusted: true,
      selfSigned: false,
      matchesHost: true,
      keyType: 'rsa',
      keyBits: 2048,
    });
  });

  it('does not trust a chain to a root nobody configured', () => {
    const leaf = leafCertificate({ names: ['api.example.com'], keys, issuer: other });
    expect(chainsToAnchor([cert(leaf.cert)], trustAnchors([root.cert]))).toBe(false);
  });

  it('calls a certificate self-signed when issuer equals subject and its own key verifies it, SANs or not', () => {
    const self = cert(leafCertificate({ names: ['api.example.com'], keys }).cert);
    expect(isSelfSigned(self)).toBe(true);
    const issued = cert(leafCertificate({ names: ['api.example.com'], keys, issuer: root }).cert);
    expect(isSelfSigned(issued)).toBe(false);
  });

  it('matches wildcard names and refuses other hosts', () => {
    const wildcard = cert(leafCertificate({ names: ['*.example.com'], keys, issuer: root }).cert);
    expect(certificateFacts('api.example.com', [wildcard], trustAnchors([root.cert])).matchesHost).toBe(true);
    expect(certificateFacts('a.b.example.com', [wildcard], trustAnchors([root.cert])).matchesHost).toBe(
      false,
    );
  });
});
