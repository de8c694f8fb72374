/**
 * Domain ownership: a domain is scanned only after its owner publishes the tenant's token as a TXT
 * record at `_surveyor.<domain>`. Checked again before every scan, so a removed record stops scans.
 */
import { randomBytes } from 'node:crypto';
import type { DnsClient } from './dns-client.ts';

export const VERIFICATION_PREFIX = 'surveyor-verification=';

/** A fresh token: 24 hex characters. */
export function newVerificationToken(): string {
  return randomBytes(12).toString('hex');
}

/** Where and what to publish: `{ name: '_surveyor.example.com', value: 'surveyor-verification=...' }`. */
export function verificationRecord(domain: string, token: string): { name: string; value: string } {
  return { name: `_surveyor.${domain}`, value: `${VERIFICATION_PREFIX}${token}` };
}

export async function isDomainVerified(dns: DnsClient, domain: string, token: string): Promise<boolean> {
  const { name, value } = verificationRecord(domain, token);
  return (await dns.txt(name)).some((txt) => txt.trim() === value);
}

const DOMAIN = /^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;

/** Lower case, no trailing dot, at least two labels, or `InvalidDomainError`. */
export function normalizeDomain(domain: string): string {
  const name = String(domain).trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(name)) throw new InvalidDomainError(domain);
  return name;
}

export class InvalidDomainError extends Error {
  constructor(domain: string) {
    super(`Invalid domain ${JSON.stringify(domain)}: use a registered name such as example.com`);
    this.name = 'InvalidDomainError';
  }
}

export class DomainNotVerifiedError extends Error {
  constructor(domain: string, token: string) {
    const { name, value } = verificationRecord(domain, token);
    super(
      `${domain} is not verified: publish a TXT record ${name} with the value "${value}", then scan again`,
    );
    this.name = 'DomainNotVerifiedError';
  }
}
