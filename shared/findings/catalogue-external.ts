/**
 * Finding types of external discovery (issue 12): what a scan of a tenant's internet-facing hosts
 * finds. Names are part of the public contract (CLI JSON, webhooks): never rename them.
 */
import type { Severity } from './severity.ts';

export const EXTERNAL_FINDING_TYPES = [
  'tls-expired',
  'tls-not-yet-valid',
  'tls-self-signed',
  'tls-untrusted-chain',
  'tls-hostname-mismatch',
  'tls-weak-protocol',
  'tls-weak-key',
  'tls-expiring-soon',
  'plaintext-http-api',
  'exposed-secret-file',
  'exposed-api-spec',
  'log4shell',
  'api-server-detected',
] as const;
export type ExternalFindingType = (typeof EXTERNAL_FINDING_TYPES)[number];

interface Entry {
  readonly severity: Severity;
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
}

const RENEW =
  "Issue a certificate from a public CA for every name the host serves (ACM, Let's Encrypt) and automate renewal.";

export const EXTERNAL_CATALOGUE: Readonly<Record<ExternalFindingType, Entry>> = {
  'tls-expired': {
    severity: 'high',
    title: 'TLS certificate expired',
    description:
      'Clients that verify certificates refuse the host; clients that do not are open to interception.',
    remediation: RENEW,
  },
  'tls-not-yet-valid': {
    severity: 'medium',
    title: 'TLS certificate not yet valid',
    description:
      'The certificate starts in the future: a wrong clock where it was issued, or a premature deployment.',
    remediation: `Deploy a certificate valid now; check the issuing system's clock. ${RENEW}`,
  },
  'tls-self-signed': {
    severity: 'medium',
    title: 'Self-signed TLS certificate',
    description:
      'The certificate is its own issuer: no client can verify it, so users learn to click through warnings.',
    remediation: RENEW,
  },
  'tls-untrusted-chain': {
    severity: 'medium',
    title: 'TLS certificate chain not trusted',
    description: 'The chain does not lead to a trusted root (private CA, missing intermediate).',
    remediation:
      'Serve the full chain (leaf and intermediates) from a public CA; keep private CAs to private hosts.',
  },
  'tls-hostname-mismatch': {
    severity: 'medium',
    title: 'TLS certificate does not cover the host name',
    description:
      'The certificate names other hosts; clients refuse it, or accept any certificate and lose all protection.',
    remediation:
      'Add the host name to the certificate (subject alternative names) or stop serving it on this name.',
  },
  'tls-weak-protocol': {
    severity: 'medium',
    title: 'TLS 1.0 or 1.1 accepted',
    description: 'TLS 1.0/1.1 have known weaknesses (BEAST, weak MACs) and are not allowed by PCI DSS.',
    remediation:
      'Set TLS 1.2 as the minimum (e.g. ELBSecurityPolicy-TLS13-1-2-2021-06, API Gateway TLS_1_2).',
  },
  'tls-weak-key': {
    severity: 'medium',
    title: 'Weak TLS key',
    description: 'The certificate key is shorter than RSA 2048 or EC 256 bits and can be factored or broken.',
    remediation: 'Re-issue the certificate with an RSA 2048+ or ECDSA P-256+ key.',
  },
  'tls-expiring-soon': {
    severity: 'low',
    title: 'TLS certificate expires within 30 days',
    description: 'Renewal is due; an expired certificate breaks every client.',
    remediation: RENEW,
  },
  'plaintext-http-api': {
    severity: 'high',
    title: 'API served over plain HTTP',
    description:
      'The API answers without TLS: credentials and data cross the internet readable and alterable.',
    remediation: 'Serve the API over HTTPS only; make port 80 redirect to HTTPS or close it.',
  },
  'exposed-secret-file': {
    severity: 'critical',
    title: 'Secret file exposed',
    description:
      'A private key, environment file, repository config, cloud credential or backup is publicly downloadable.',
    remediation:
      'Remove the file from the web root and block such paths; treat every secret in it as leaked and rotate it.',
  },
  'exposed-api-spec': {
    severity: 'medium',
    title: 'API specification publicly exposed',
    description:
      'An OpenAPI/Swagger document is served publicly; it maps every operation for an attacker, partner APIs included.',
    remediation: 'Publish specs only where intended; put internal and partner specs behind authentication.',
  },
  log4shell: {
    severity: 'critical',
    title: 'Log4Shell (CVE-2021-44228): JNDI lookup confirmed',
    description:
      'A request header made the server perform a DNS lookup of a marker only a real JNDI lookup produces.',
    remediation: 'Upgrade Log4j to 2.17.1 or later (or remove JndiLookup); check the host for compromise.',
  },
  'api-server-detected': {
    severity: 'info',
    title: 'API server detected',
    description: 'The host answers like an API (JSON or problem+json, API gateway headers, a spec).',
    remediation: 'Make sure the API is in the inventory with an owner, authentication and monitoring.',
  },
};
