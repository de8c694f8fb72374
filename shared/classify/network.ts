/**
 * Internal vs external: of a caller address (private, shared, link-local and loopback ranges, plus
 * the tenant's own CIDRs) and of a host name (names and load balancers that only resolve inside a
 * network). IPv4 is checked with integer masks on the hot path; ipaddr.js parses CIDRs and names
 * the IPv6 ranges.
 */
import ipaddr from 'ipaddr.js';
import { parseIp, type ParsedIp } from './ip-parse.ts';

export type AddressClass = 'internal' | 'external';
export type HostExposure = 'internal' | 'internet-facing';

/** Tenant-declared networks, parsed once: see `compileCidrs`. */
export interface CidrSet {
  readonly v4: readonly (readonly [network: number, mask: number])[];
  /** IPv6 networks as eight 16-bit groups and a prefix length. */
  readonly v6: readonly (readonly [groups: readonly number[], bits: number])[];
}

export class InvalidCidrError extends Error {
  constructor(cidr: string, options?: { cause?: unknown }) {
    super(`Invalid CIDR ${JSON.stringify(cidr)}: use e.g. 10.20.0.0/16 or 2001:db8::/32`, options);
    this.name = 'InvalidCidrError';
  }
}

// [network, prefix length]: RFC 1918, CGNAT (RFC 6598), link-local, loopback, "this network".
const INTERNAL_V4: readonly (readonly [number, number])[] = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0x64400000, 10],
  [0xa9fe0000, 16],
  [0x7f000000, 8],
  [0x00000000, 8],
].map(([net, bits]) => [net!, maskOf(bits!)] as const);

const compiled = new WeakMap<readonly string[], CidrSet>();

/** Parses tenant CIDRs once (a bare address means /32 or /128); throws `InvalidCidrError`. */
export function compileCidrs(cidrs: readonly string[]): CidrSet {
  const v4: [number, number][] = [];
  const v6: [number[], number][] = [];
  for (const cidr of cidrs) {
    let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      parsed = cidr.includes('/') ? ipaddr.parseCIDR(cidr.trim()) : single(ipaddr.parse(cidr.trim()));
    } catch (cause) {
      throw new InvalidCidrError(cidr, { cause });
    }
    const [address, bits] = parsed;
    if (address.kind() === 'ipv6' && !(address as ipaddr.IPv6).isIPv4MappedAddress()) {
      v6.push([(address as ipaddr.IPv6).parts, bits]);
    } else {
      const v4Address = address.kind() === 'ipv4' ? address : (address as ipaddr.IPv6).toIPv4Address();
      const v4Bits = address.kind() === 'ipv4' ? bits : Math.max(0, bits - 96);
      const [a, b, c, d] = v4Address.toByteArray() as [number, number, number, number];
      const mask = maskOf(v4Bits);
      v4.push([(((a << 24) | (b << 16) | (c << 8) | d) & mask) >>> 0, mask]);
    }
  }
  return { v4, v6 };
}

/**
 * Pass the same `tenantCidrs` array on every call (it is parsed once per array) or a `CidrSet`.
 * `classifyAddress('10.1.2.3')` -> `internal`; `classifyAddress('8.8.8.8', ['8.8.8.0/24'])` -> `internal`.
 * Private, CGNAT, link-local and loopback ranges (IPv4, IPv6, IPv4-mapped) and tenant CIDRs are
 * internal. An address that does not parse counts as external: unknown callers get no benefit of doubt.
 */
export function classifyAddress(ip: string, tenantCidrs?: readonly string[] | CidrSet): AddressClass {
  const parsed = parseIp(ip);
  if (parsed === undefined) return 'external';
  if (isInternalRange(parsed)) return 'internal';
  if (tenantCidrs === undefined) return 'external';
  return inCidrs(parsed, cidrSetOf(tenantCidrs)) ? 'internal' : 'external';
}

/** True when the parsed address lies in a range that only exists inside a site. */
export function isInternalRange(parsed: ParsedIp): boolean {
  if (parsed.version === 4) {
    for (const [net, mask] of INTERNAL_V4) if ((parsed.v4 & mask) >>> 0 === net) return true;
    return false;
  }
  // ULA fc00::/7, link-local fe80::/10 and deprecated site-local fec0::/10 (together fe80::/9),
  // loopback, unspecified
  // (the ranges ipaddr.js names uniqueLocal, linkLocal, loopback, unspecified; tests hold them equal).
  const g = parsed.groups;
  if ((g[0]! & 0xfe00) === 0xfc00 || (g[0]! & 0xff80) === 0xfe80) return true;
  for (let i = 0; i < 7; i++) if (g[i] !== 0) return false;
  return g[7] === 0 || g[7] === 1;
}

function inCidrs(parsed: ParsedIp, set: CidrSet): boolean {
  if (parsed.version === 4) {
    for (const [net, mask] of set.v4) if ((parsed.v4 & mask) >>> 0 === net) return true;
    return false;
  }
  for (const [network, bits] of set.v6) if (prefixEqual(parsed.groups, network, bits)) return true;
  return false;
}

function prefixEqual(a: readonly number[], b: readonly number[], bits: number): boolean {
  let left = bits;
  for (let i = 0; i < 8 && left > 0; i++, left -= 16) {
    const mask = left >= 16 ? 0xffff : (0xffff << (16 - left)) & 0xffff;
    if ((a[i]! & mask) !== (b[i]! & mask)) return false;
  }
  return true;
}

function cidrSetOf(cidrs: readonly string[] | CidrSet): CidrSet {
  if (!Array.isArray(cidrs)) return cidrs as CidrSet;
  const list = cidrs as readonly string[];
  let set = compiled.get(list);
  if (set === undefined) {
    set = compileCidrs(list);
    compiled.set(list, set);
  }
  return set;
}

function single(address: ipaddr.IPv4 | ipaddr.IPv6): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

// Suffixes of names that resolve only inside a network (RFC 6762 .local, RFC 8375 home.arpa, AWS
// VPC DNS .internal, Kubernetes .cluster.local, habits like .corp/.lan, VPC endpoint DNS).
const INTERNAL_SUFFIXES = [
  '.internal',
  '.local',
  '.localhost',
  '.localdomain',
  '.corp',
  '.lan',
  '.intranet',
  '.intra',
  '.private',
  '.home.arpa',
  '.cluster.local',
  '.vpce.amazonaws.com',
];

/**
 * `classifyHostExposure('internal-my-alb-1234.us-east-1.elb.amazonaws.com')` -> `internal`;
 * `classifyHostExposure('api.example.com')` -> `internet-facing`. Internal: private IP literals,
 * single-label names, names under internal-only suffixes and internal ALB/NLB DNS names.
 */
export function classifyHostExposure(host: string): HostExposure {
  if (typeof host !== 'string') return 'internet-facing';
  let name = host.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '') return 'internet-facing';
  const literal = parseIp(hostOnly(name));
  if (literal !== undefined) return isInternalRange(literal) ? 'internal' : 'internet-facing';
  name = hostOnly(name);
  if (name === 'localhost' || !name.includes('.')) return 'internal';
  for (const suffix of INTERNAL_SUFFIXES) if (name.endsWith(suffix)) return 'internal';
  // Internal load balancers get `internal-<name>-<id>.<region>.elb.amazonaws.com`.
  if (name.startsWith('internal-') && name.endsWith('.elb.amazonaws.com')) return 'internal';
  return 'internet-facing';
}

/** Drops a port: `[::1]:8443` -> `[::1]`, `api.x.com:443` -> `api.x.com`; a bare IPv6 stays whole. */
function hostOnly(name: string): string {
  if (name.startsWith('[')) {
    const close = name.indexOf(']');
    return close > 0 ? name.slice(0, close + 1) : name;
  }
  const colon = name.indexOf(':');
  return colon >= 0 && name.indexOf(':', colon + 1) < 0 ? name.slice(0, colon) : name;
}
