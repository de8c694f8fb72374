/**
 * DNS for discovery and domain verification: the system resolver, or given servers (the local
 * estate runs its own zone). Addresses feed shared/net's vetting; TXT records prove ownership.
 */
import { promises as dns } from 'node:dns';
import type { LookupAddresses } from '#shared/net/resolve';

export interface DnsClient {
  /** A and AAAA answers; the resolver follows CNAMEs. */
  readonly addresses: LookupAddresses;
  txt(name: string): Promise<string[]>;
}

/** `dnsClient(['127.0.2.53:18253'])`; no servers: the system's configured resolvers. */
export function dnsClient(servers: readonly string[] = [], timeoutMs = 2000): DnsClient {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  return {
    async addresses(host) {
      const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
      if (v4.status === 'rejected' && v6.status === 'rejected') throw v4.reason;
      return [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
    },
    async txt(name) {
      return (await resolver.resolveTxt(name).catch(() => [])).map((chunks) => chunks.join(''));
    },
  };
}
