/**
 * Host discovery under verified domains: the domain itself, the built-in wordlist, and names from a
 * certificate-transparency source when one is configured. Each name's A/AAAA answers (CNAMEs are
 * followed by the resolver) are vetted by shared/net; names pointing at internal or metadata
 * addresses are listed as refused, never scanned.
 */
import { HostNotFoundError, UnsafeTargetError } from '#shared/net/errors';
import { resolveVetted } from '#shared/net/resolve';
import type { DnsClient } from './dns-client.ts';
import { mapLimit } from './map-limit.ts';
import type { HostTarget } from './scan-types.ts';

/** Names seen on certificates for a domain (crt.sh and the like). Pluggable; off without internet. */
export type CertificateNameSource = (domain: string) => Promise<readonly string[]>;

export interface DiscoveryOptions {
  readonly dns: DnsClient;
  readonly wordlist: readonly string[];
  readonly ports: readonly number[];
  readonly certificateNames?: CertificateNameSource;
  readonly allowLoopback: boolean;
  readonly concurrency?: number;
}

export interface Discovery {
  readonly targets: readonly HostTarget[];
  readonly refused: readonly { readonly host: string; readonly reason: string }[];
}

export async function discoverHosts(
  domains: readonly string[],
  options: DiscoveryOptions,
): Promise<Discovery> {
  const names = new Set<string>();
  for (const domain of domains) {
    names.add(domain);
    for (const word of options.wordlist) names.add(`${word}.${domain}`);
    const fromCertificates = (await options.certificateNames?.(domain).catch(() => [])) ?? [];
    for (const name of fromCertificates) {
      const clean = name.toLowerCase().replace(/^\*\./, '');
      if (clean === domain || clean.endsWith(`.${domain}`)) names.add(clean);
    }
  }
  const targets: HostTarget[] = [];
  const refused: { host: string; reason: string }[] = [];
  await mapLimit([...names].sort(), options.concurrency ?? 32, async (host) => {
    try {
      const [first] = await resolveVetted(host, {
        lookup: options.dns.addresses,
        allowLoopback: options.allowLoopback,
      });
      targets.push({ host, address: first!.address, ports: [...options.ports] });
    } catch (error) {
      if (error instanceof UnsafeTargetError)
        refused.push({ host, reason: `${error.address} is a ${error.reason}` });
      else if (!(error instanceof HostNotFoundError)) throw error;
    }
  });
  targets.sort((a, b) => a.host.localeCompare(b.host));
  refused.sort((a, b) => a.host.localeCompare(b.host));
  return { targets, refused };
}
