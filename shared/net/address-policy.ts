/**
 * Which addresses Surveyor may connect to. Only public unicast: private, loopback, link-local,
 * CGNAT, multicast, broadcast, reserved, documentation, benchmarking, unspecified and cloud
 * metadata addresses are refused, in every spelling (IPv4-mapped `::ffff:a.b.c.d`, the deprecated
 * IPv4-compatible `::a.b.c.d`, NAT64 and 6to4 forms that embed an IPv4 address). Loopback is allowed
 * only when the caller says so (the local estate, a test sink). ipaddr.js names the ranges.
 */
import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  /** Allow 127.0.0.0/8 and ::1 (and their mapped forms): local runs and tests only. */
  readonly allowLoopback?: boolean;
}

export type AddressVerdict =
  | { readonly allowed: true; readonly address: string; readonly family: 4 | 6 }
  | { readonly allowed: false; readonly address: string; readonly reason: string };

// Instance-metadata, DNS and time services that cloud providers put on special addresses. Most are
// link-local or ULA anyway; naming them makes the refusal say why.
const METADATA = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack instance metadata
  '169.254.170.2', // ECS task metadata and credentials
  '169.254.169.253', // Amazon DNS
  '169.254.169.123', // Amazon Time Sync
  '100.100.100.200', // Alibaba Cloud metadata
  '192.0.0.192', // Oracle Cloud metadata
  'fd00:ec2::254', // AWS IMDS over IPv6
  'fd00:ec2::23', // Amazon DNS over IPv6
  'fd00:ec2::123', // Amazon Time Sync over IPv6
]);

const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
// RFC 6052's well-known prefix; the RFC 8215 local-use /48 embeds at an operator-chosen length, so
// it is refused whole.
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * Vets one IP address (text, as a resolver or a user gives it).
 * @example vetAddress('169.254.169.254') -> { allowed: false, reason: 'cloud metadata address' }
 * @example vetAddress('::ffff:127.0.0.1', { allowLoopback: true }) -> { allowed: true, address: '127.0.0.1', family: 4 }
 */
export function vetAddress(text: string, policy: AddressPolicy = {}): AddressVerdict {
  const raw = typeof text === 'string' ? text.trim() : '';
  const unbracketed = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  // Only canonical spellings: `ipaddr.parse` (like inet_aton) also reads `127.1` or `0x7f000001`.
  const strictV4 = isDottedQuad(unbracketed);
  if (!strictV4 && !isV6Text(unbracketed)) {
    return refuse(raw, 'not an IP address');
  }
  if (strictV4) return vetV4(ipaddr.IPv4.parse(unbracketed), raw, policy);
  if (unbracketed.includes('%')) return refuse(raw, 'scoped (zone) address');
  const v6 = ipaddr.IPv6.parse(canonicalV6(unbracketed));
  if (v6.isIPv4MappedAddress()) return vetV4(v6.toIPv4Address(), raw, policy);
  const normal = v6.toNormalizedString();
  if (METADATA.has(v6.toString())) return refuse(raw, 'cloud metadata address');
  const range = v6.range();
  if (range === 'loopback') {
    return policy.allowLoopback === true ? allow('::1', 6) : refuse(raw, 'loopback address');
  }
  if ((range === 'rfc6052' && v6.match(NAT64_WELL_KNOWN)) || range === '6to4') {
    // NAT64 and 6to4 reach the IPv4 address they embed: judge that one (never loopback).
    const embedded = vetV4(embeddedV4(v6, range), raw, {});
    return embedded.allowed ? allow(v6.toString(), 6) : refuse(raw, `${range} form of a ${embedded.reason}`);
  }
  if (range !== 'unicast') return refuse(raw, describe(range));
  // The IPv4-compatible form `::a.b.c.d` and everything else outside 2000::/3 is not routable.
  if (!v6.match(IPV6_GLOBAL_UNICAST)) {
    return refuse(
      raw,
      normal.startsWith('0:0:0:0:0:0:') ? 'IPv4-compatible IPv6 address' : 'reserved address',
    );
  }
  return allow(v6.toString(), 6);
}

/** `isAllowedAddress('8.8.8.8') === true`, `isAllowedAddress('10.0.0.1') === false`. */
export function isAllowedAddress(text: string, policy: AddressPolicy = {}): boolean {
  return vetAddress(text, policy).allowed;
}

/** True for text that is an IP address (canonical IPv4 or any IPv6 spelling, brackets allowed). */
export function isIpLiteral(text: string): boolean {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return isDottedQuad(unbracketed) || isV6Text(unbracketed);
}

// Cheap shape checks first: ipaddr.js's validators throw and catch internally on anything else, and
// building those errors dominated a scan's CPU (every host name is asked whether it is an address).
const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function isDottedQuad(text: string): boolean {
  return DOTTED_QUAD.test(text) && ipaddr.IPv4.isValidFourPartDecimal(text);
}

function isV6Text(text: string): boolean {
  return text.includes(':') && ipaddr.IPv6.isValid(text);
}

/**
 * The WHATWG URL parser's canonical IPv6 text. ipaddr.js reads a dotted tail as IPv4-mapped even
 * without `ffff` (`::127.0.0.1` would become `::ffff:127.0.0.1`); the URL parser keeps it `::7f00:1`.
 */
function canonicalV6(text: string): string {
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

function vetV4(v4: ipaddr.IPv4, raw: string, policy: AddressPolicy): AddressVerdict {
  const address = v4.toString();
  if (METADATA.has(address)) return refuse(raw, 'cloud metadata address');
  const range = v4.range();
  if (range === 'loopback' && policy.allowLoopback === true) return allow(address, 4);
  if (range !== 'unicast') return refuse(raw, describe(range));
  return allow(address, 4);
}

function embeddedV4(v6: ipaddr.IPv6, range: 'rfc6052' | '6to4'): ipaddr.IPv4 {
  const bytes = v6.toByteArray();
  // NAT64 64:ff9b::/96: the last 32 bits. 6to4 (RFC 3056): bits 16-47, right after 2002::/16.
  const at = range === '6to4' ? 2 : 12;
  return new ipaddr.IPv4(bytes.slice(at, at + 4));
}

const RANGE_NAMES: Readonly<Record<string, string>> = {
  unspecified: 'unspecified address',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local address',
  loopback: 'loopback address',
  carrierGradeNat: 'carrier-grade NAT (shared) address',
  private: 'private address',
  reserved: 'reserved or documentation address',
  uniqueLocal: 'unique-local (private) address',
  deprecatedSiteLocal: 'site-local (private) address',
  teredo: 'Teredo tunnel address',
  rfc6145: 'IPv4-translated address',
  rfc6052: 'local-use NAT64 address',
  benchmarking: 'benchmarking address',
};

function describe(range: string): string {
  return RANGE_NAMES[range] ?? `special-purpose address (${range})`;
}

function allow(address: string, family: 4 | 6): AddressVerdict {
  return { allowed: true, address, family };
}

function refuse(address: string, reason: string): AddressVerdict {
  return { allowed: false, address, reason };
}
