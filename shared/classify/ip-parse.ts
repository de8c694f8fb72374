/**
 * Allocation-light IP address parsing for the per-call hot path. ipaddr.js is the reference (and
 * is used for CIDRs and named ranges); these parsers only turn text into numbers, fast, and never throw.
 */

/** A parsed address: IPv4 as an unsigned 32-bit number, IPv6 as eight 16-bit groups. */
export type ParsedIp = { version: 4; v4: number } | { version: 6; groups: number[] };

/** `'10.0.0.1'` -> 167772161; -1 for anything that is not four decimal octets 0-255. */
export function parseIpv4(text: string, from = 0, to = text.length): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

/** `'2001:db8::1'` -> [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]; accepts a trailing dotted IPv4 and a `%zone`. */
export function parseIpv6(text: string): number[] | undefined {
  let end = text.indexOf('%');
  if (end < 0) end = text.length;
  if (end < 2 || end > 45) return undefined;
  const head: number[] = [];
  let tail: number[] | undefined;
  let i = 0;
  if (text.charCodeAt(0) === 58 /* : */) {
    if (text.charCodeAt(1) !== 58) return undefined;
    tail = [];
    i = 2;
    if (i === end) return new Array<number>(8).fill(0);
  }
  while (i < end) {
    const into = tail ?? head;
    let j = i;
    let group = 0;
    while (j < end && j - i < 5) {
      const h = hexValue(text.charCodeAt(j));
      if (h < 0) break;
      group = group * 16 + h;
      j++;
    }
    const c = j < end ? text.charCodeAt(j) : -1;
    if (c === 46 /* . */) {
      const v4 = parseIpv4(text, i, end);
      if (v4 < 0) return undefined;
      into.push(v4 >>> 16, v4 & 0xffff);
      i = end;
      break;
    }
    if (j === i || j - i > 4) return undefined;
    into.push(group);
    if (c === -1) {
      i = end;
      break;
    }
    if (c !== 58 /* : */) return undefined;
    if (j + 1 < end && text.charCodeAt(j + 1) === 58) {
      if (tail !== undefined) return undefined;
      tail = [];
      i = j + 2;
      if (i === end) break;
    } else {
      if (j + 1 === end) return undefined;
      i = j + 1;
    }
  }
  const count = head.length + (tail?.length ?? 0);
  if (tail === undefined) return count === 8 ? head : undefined;
  if (count > 7) return undefined;
  const groups = head.concat(new Array<number>(8 - count).fill(0), tail);
  return groups;
}

/**
 * Parses either family; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) and `[...]` brackets come back as the
 * address they stand for. `parseIp('::ffff:8.8.8.8')` -> `{ version: 4, v4: 134744072 }`.
 */
export function parseIp(text: string): ParsedIp | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 64) return undefined;
  const v4 = parseIpv4(text);
  if (v4 >= 0) return { version: 4, v4 };
  const inner = text.charCodeAt(0) === 91 /* [ */ && text.endsWith(']') ? text.slice(1, -1) : text;
  const groups = parseIpv6(inner);
  if (groups === undefined) return undefined;
  if (
    groups[0] === 0 &&
    groups[1] === 0 &&
    groups[2] === 0 &&
    groups[3] === 0 &&
    groups[4] === 0 &&
    // The deprecated IPv4-compatible form `::1.2.3.4` means the IPv4 address too (as ipaddr.js reads it).
    (groups[5] === 0xffff || (groups[5] === 0 && isCompatibleForm(inner)))
  ) {
    return { version: 4, v4: groups[6]! * 65536 + groups[7]! };
  }
  return { version: 6, groups };
}

/** Upper 64 bits of an IPv6 address as two unsigned 32-bit halves, what routing tables key on. */
export function upper64(groups: readonly number[]): [number, number] {
  return [groups[0]! * 65536 + groups[1]!, groups[2]! * 65536 + groups[3]!];
}

/** 167772161 -> `'10.0.0.1'`. */
export function formatIpv4(v4: number): string {
  return `${v4 >>> 24}.${(v4 >>> 16) & 255}.${(v4 >>> 8) & 255}.${v4 & 255}`;
}

/** `::1.2.3.4` exactly (no other groups), the only spelling ipaddr.js reads as IPv4 too. */
function isCompatibleForm(text: string): boolean {
  return text.startsWith('::') && text.indexOf(':', 2) < 0 && text.includes('.');
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
