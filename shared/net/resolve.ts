/**
 * Name resolution through an injectable lookup, with every answer vetted. The addresses returned are
 * the only ones a later connection may use: connecting to them (never to the name again) is what
 * keeps a DNS answer that changes between two lookups (rebinding) from steering a connection.
 */
import { promises as dns } from 'node:dns';
import { vetAddress, isIpLiteral, type AddressPolicy } from './address-policy.ts';
import { HostNotFoundError, InvalidTargetError, UnsafeTargetError } from './errors.ts';

/** Resolves a host name to IP addresses (text). Throw or return `[]` when it does not resolve. */
export type LookupAddresses = (host: string) => Promise<readonly string[]>;

/** An address that passed `vetAddress`, in its canonical form. */
export interface VettedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

export interface ResolveOptions extends AddressPolicy {
  /** How names resolve; the operating system's resolver (getaddrinfo) by default. */
  readonly lookup?: LookupAddresses;
}

/** The operating system's resolver (hosts file, search domains), both families. */
export const systemLookup: LookupAddresses = async (host) =>
  (await dns.lookup(host, { all: true, order: 'verbatim' })).map((entry) => entry.address);

/**
 * Asks the given DNS servers directly (A and AAAA; CNAMEs are followed by the server), e.g. the local
 * estate's zone: `dnsServerLookup(['127.0.2.53:18253'])`.
 */
export function dnsServerLookup(servers: readonly string[], timeoutMs = 3000): LookupAddresses {
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 2 });
  resolver.setServers([...servers]);
  return async (host) => {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    if (v4.status === 'rejected' && v6.status === 'rejected') throw v4.reason;
    return [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
  };
}

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/**
 * A host name in canonical form (lower case, no trailing dot), or `InvalidTargetError`.
 * @example normalizeHostName('API.Example.com.') === 'api.example.com'
 */
export function normalizeHostName(host: string): string {
  if (typeof host !== 'string') throw new InvalidTargetError('A host name is required');
  const name = host.trim().toLowerCase().replace(/\.$/, '');
  if (isIpLiteral(name)) return name.startsWith('[') ? name.slice(1, -1) : name;
  if (name.length === 0 || name.length > 253 || !name.split('.').every((label) => LABEL.test(label))) {
    throw new InvalidTargetError(`Invalid host name ${JSON.stringify(host)}`);
  }
  return name;
}

/**
 * Resolves `host` (or takes it as it is when it is an IP literal) and vets every address. Throws
 * `UnsafeTargetError` when ANY address is refused: a name that mixes public and internal addresses
 * is not a safe target. Throws `HostNotFoundError` when it does not resolve.
 * @example await resolveVetted('api.example.com') -> [{ address: '93.184.215.14', family: 4 }]
 */
export async function resolveVetted(host: string, options: ResolveOptions = {}): Promise<VettedAddress[]> {
  const name = normalizeHostName(host);
  let answers: readonly string[];
  if (isIpLiteral(name)) {
    answers = [name];
  } else {
    try {
      answers = await (options.lookup ?? systemLookup)(name);
    } catch (cause) {
      throw new HostNotFoundError(name, { cause });
    }
    if (answers.length === 0) throw new HostNotFoundError(name);
  }
  const vetted: VettedAddress[] = [];
  for (const answer of answers) {
    const verdict = vetAddress(answer, options);
    if (!verdict.allowed) throw new UnsafeTargetError(name, verdict.address, verdict.reason);
    if (!vetted.some((v) => v.address === verdict.address)) {
      vetted.push({ address: verdict.address, family: verdict.family });
    }
  }
  return vetted;
}

/**
 * Vets one given address for a host (a `--targets` entry, curl's `--resolve`), or throws
 * `UnsafeTargetError`: `vetPinned('api.example.com', '10.0.0.5')` throws.
 */
export function vetPinned(host: string, address: string, policy: AddressPolicy = {}): VettedAddress {
  const verdict = vetAddress(address, policy);
  if (!verdict.allowed) throw new UnsafeTargetError(host, verdict.address, verdict.reason);
  return { address: verdict.address, family: verdict.family };
}
