import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { isAllowedAddress, vetAddress } from '#shared/net/address-policy';

const refused = (ip: string, allowLoopback = false) => vetAddress(ip, { allowLoopback }).allowed === false;

describe('vetAddress', () => {
  it('allows public unicast IPv4 and IPv6 and returns the canonical address', () => {
    expect(vetAddress('8.8.8.8')).toEqual({ allowed: true, address: '8.8.8.8', family: 4 });
    expect(vetAddress('2606:4700:4700:0:0:0:0:1111')).toEqual({
      allowed: true,
      address: '2606:4700:4700::1111',
      family: 6,
    });
    expect(vetAddress('[2001:4860:4860::8888]').allowed).toBe(true);
  });

  it('refuses private, loopback, link-local, CGNAT, multicast, broadcast and unspecified IPv4', () => {
    for (const ip of [
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '127.0.0.1',
      '127.255.0.9',
      '169.254.1.1',
      '100.64.0.1',
      '100.127.255.255',
      '224.0.0.1',
      '239.255.255.250',
      '255.255.255.255',
      '0.0.0.0',
      '0.1.2.3',
    ])
      expect([ip, refused(ip)]).toEqual([ip, true]);
  });

  it('refuses documentation, benchmarking and reserved IPv4 ranges', () => {
    for (const ip of [
      '192.0.2.1',
      '198.51.100.7',
      '203.0.113.9',
      '198.18.0.1',
      '198.19.255.1',
      '240.0.0.1',
      '192.0.0.8',
    ])
      expect([ip, refused(ip)]).toEqual([ip, true]);
  });

  it('names cloud metadata addresses as such, IPv4 and IPv6', () => {
    for (const ip of [
      '169.254.169.254',
      'fd00:ec2::254',
      'fd00:ec2:0:0:0:0:0:254',
      '169.254.170.2',
      '100.100.100.200',
    ])
      expect(vetAddress(ip)).toEqual({ allowed: false, address: ip, reason: 'cloud metadata address' });
    expect(vetAddress('::ffff:169.254.169.254')).toMatchObject({
      allowed: false,
      reason: 'cloud metadata address',
    });
  });

  it('refuses IPv6 loopback, unique-local, link-local, site-local, multicast, documentation and unspecified', () => {
    for (const ip of [
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'fec0::1',
      'ff02::1',
      '2001:db8::1',
      '3fff::1',
      '100::1',
    ])
      expect([ip, refused(ip)]).toEqual([ip, true]);
  });

  it('judges IPv4-mapped IPv6 by the IPv4 address it carries, in every spelling', () => {
    for (const ip of [
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '0:0:0:0:0:ffff:10.0.0.1',
      '::FFFF:192.168.1.1',
      '[::ffff:169.254.169.254]',
    ])
      expect([ip, refused(ip)]).toEqual([ip, true]);
    expect(vetAddress('::ffff:8.8.8.8')).toEqual({ allowed: true, address: '8.8.8.8', family: 4 });
  });

  it('refuses the deprecated IPv4-compatible form whatever it embeds', () => {
    expect(vetAddress('::127.0.0.1')).toMatchObject({
      allowed: false,
      reason: 'IPv4-compatible IPv6 address',
    });
    expect(vetAddress('::8.8.8.8')).toMatchObject({ allowed: false, reason: 'IPv4-compatible IPv6 address' });
  });

  it('judges NAT64 and 6to4 addresses by the IPv4 address they embed', () => {
    expect(refused('64:ff9b::a9fe:a9fe')).toBe(true); // 169.254.169.254
    expect(refused('64:ff9b::7f00:1', true)).toBe(true); // loopback stays refused when embedded
    expect(refused('2002:0a00:0001::1')).toBe(true); // 10.0.0.1
    expect(vetAddress('64:ff9b::808:808').allowed).toBe(true); // 8.8.8.8
    expect(vetAddress('2002:808:808::1').allowed).toBe(true);
    expect(refused('64:ff9b:1::808:808')).toBe(true); // local-use prefix: refused whole
    expect(refused('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toBe(true); // Teredo
  });

  it('allows loopback only when asked, and nothing else because of it', () => {
    expect(refused('127.0.2.10')).toBe(true);
    expect(vetAddress('127.0.2.10', { allowLoopback: true })).toEqual({
      allowed: true,
      address: '127.0.2.10',
      family: 4,
    });
    expect(vetAddress('::1', { allowLoopback: true }).allowed).toBe(true);
    expect(vetAddress('::ffff:127.0.0.1', { allowLoopback: true })).toMatchObject({ address: '127.0.0.1' });
    for (const ip of ['10.0.0.1', '169.254.169.254', 'fd00:ec2::254', '0.0.0.0', '::'])
      expect([ip, refused(ip, true)]).toEqual([ip, true]);
  });

  it('refuses non-canonical IPv4 spellings and names instead of guessing', () => {
    for (const text of [
      '127.1',
      '0x7f000001',
      '2130706433',
      '017700000001',
      'localhost',
      '',
      ' ',
      '1.2.3.4.5',
      'fe80::1%eth0',
    ])
      expect([text, refused(text)]).toEqual([text, true]);
    expect(vetAddress('127.1')).toMatchObject({ reason: 'not an IP address' });
  });

  it('allows an IPv4 address exactly when ipaddr.js calls it unicast and it is not metadata', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const unicast = ipaddr.IPv4.parse(ip).range() === 'unicast';
        expect(isAllowedAddress(ip)).toBe(unicast && ip !== '100.100.100.200' && ip !== '192.0.0.192');
        // The IPv4-mapped spelling always gets the same verdict.
        expect(isAllowedAddress(`::ffff:${ip}`)).toBe(isAllowedAddress(ip));
      }),
      { numRuns: 2000 },
    );
  });

  it('never allows an IPv6 address outside global unicast 2000::/3', () => {
    const global = ipaddr.parseCIDR('2000::/3');
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const parsed = ipaddr.IPv6.parse(ip);
        if (parsed.isIPv4MappedAddress()) return;
        if (!parsed.match(global))
          expect(isAllowedAddress(ip, { allowLoopback: parsed.range() !== 'loopback' })).toBe(false);
        if (isAllowedAddress(ip)) expect(['unicast', '6to4']).toContain(parsed.range());
      }),
      { numRuns: 2000 },
    );
  });

  it('never allows an address inside a private or internal range, whatever its spelling', () => {
    const internal = fc.oneof(
      fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
      fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
    );
    fc.assert(
      fc.property(internal, fc.boolean(), (octets, mapped) => {
        const v4 = octets.join('.');
        const hex = `${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
        for (const text of [v4, `::ffff:${v4}`, `::ffff:${hex}`, `64:ff9b::${hex}`, `2002:${hex}::1`]) {
          expect([text, isAllowedAddress(text, { allowLoopback: mapped })]).toEqual([text, false]);
        }
      }),
    );
  });
});
