import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { parseIp, parseIpv4, parseIpv6, formatIpv4 } from '#shared/classify/ip-parse';

describe('parseIp', () => {
  it('reads dotted IPv4 and rejects octets above 255, missing parts and letters', () => {
    expect(parseIpv4('10.0.0.1')).toBe(10 * 2 ** 24 + 1);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '1..2.3', 'a.b.c.d', '1.2.3.4 ', '', '1234.1.1.1'])
      expect(parseIpv4(bad)).toBe(-1);
  });

  it('turns IPv4-mapped IPv6 and bracketed forms into the address they stand for', () => {
    expect(parseIp('::ffff:1.2.3.4')).toEqual({ version: 4, v4: parseIpv4('1.2.3.4') });
    expect(parseIp('::FFFF:0102:0304')).toEqual({ version: 4, v4: parseIpv4('1.2.3.4') });
    expect(parseIp('[2001:db8::1]')).toEqual({ version: 6, groups: [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1] });
  });

  it('accepts zone ids and compressed forms and rejects double compression', () => {
    expect(parseIpv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIpv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(parseIpv6('1::')).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    for (const bad of ['1::2::3', ':::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:', ':1'])
      expect(parseIpv6(bad)).toBeUndefined();
  });

  it('agrees with ipaddr.js on every IPv4 and IPv6 address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const parsed = parseIp(ip);
        expect(parsed?.version === 4 && formatIpv4(parsed.v4)).toBe(ipaddr.IPv4.parse(ip).toString());
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const parsed = parseIp(ip);
        const reference = ipaddr.IPv6.parse(ip);
        if (reference.isIPv4MappedAddress()) {
          expect(parsed?.version === 4 && formatIpv4(parsed.v4)).toBe(reference.toIPv4Address().toString());
        } else {
          expect(parsed?.version === 6 && parsed.groups).toEqual(reference.parts);
        }
      }),
    );
  });

  it('never throws and rejects what ipaddr.js rejects', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdef:.%[]x'.split('')) }), (text) => {
        const parsed = parseIp(text);
        if (parsed !== undefined && !text.includes('%') && !text.startsWith('['))
          expect(ipaddr.isValid(text)).toBe(true);
      }),
    );
  });
});
