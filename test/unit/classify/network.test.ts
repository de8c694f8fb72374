import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  classifyAddress,
  classifyHostExposure,
  compileCidrs,
  InvalidCidrError,
} from '#shared/classify/network';

describe('classifyAddress', () => {
  it('counts private, CGNAT, link-local and loopback IPv4 as internal', () => {
    for (const ip of [
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '100.127.255.254',
      '169.254.169.254',
      '127.0.0.1',
    ])
      expect([ip, classifyAddress(ip)]).toEqual([ip, 'internal']);
  });

  it('counts public IPv4 next to the private ranges as external', () => {
    for (const ip of [
      '8.8.8.8',
      '172.15.255.255',
      '172.32.0.0',
      '100.63.255.255',
      '100.128.0.0',
      '11.0.0.1',
      '192.169.0.1',
    ])
      expect([ip, classifyAddress(ip)]).toEqual([ip, 'external']);
  });

  it('counts IPv6 ULA, link-local, loopback and mapped private IPv4 as internal', () => {
    for (const ip of ['fd12:3456::1', 'fe80::1%eth0', '::1', '::ffff:10.1.2.3', '[fc00::1]', 'fec0::1'])
      expect([ip, classifyAddress(ip)]).toEqual([ip, 'internal']);
    expect(classifyAddress('2001:4860:4860::8888')).toBe('external');
    expect(classifyAddress('::ffff:8.8.8.8')).toBe('external');
  });

  it('counts addresses inside tenant CIDRs as internal, IPv4 and IPv6', () => {
    const cidrs = ['203.0.113.0/24', '2001:db8:aa::/48', '198.51.100.7'];
    expect(classifyAddress('203.0.113.200', cidrs)).toBe('internal');
    expect(classifyAddress('::ffff:203.0.113.9', cidrs)).toBe('internal');
    expect(classifyAddress('203.0.114.1', cidrs)).toBe('external');
    expect(classifyAddress('2001:db8:aa:1::5', cidrs)).toBe('internal');
    expect(classifyAddress('2001:db8:ab::5', cidrs)).toBe('external');
    expect(classifyAddress('198.51.100.7', compileCidrs(cidrs))).toBe('internal');
    expect(classifyAddress('198.51.100.8', cidrs)).toBe('external');
  });

  it('treats garbage as external and rejects bad tenant CIDRs by name', () => {
    expect(classifyAddress('not-an-ip')).toBe('external');
    expect(classifyAddress('')).toBe('external');
    expect(() => compileCidrs(['10.0.0.0/33'])).toThrow(InvalidCidrError);
    expect(() => compileCidrs(['banana'])).toThrow(InvalidCidrError);
  });

  it('agrees with the ipaddr.js range names on every IPv4 and IPv6 address', () => {
    const internalV4 = new Set(['private', 'carrierGradeNat', 'linkLocal', 'loopback', 'unspecified']);
    const internalV6 = new Set(['uniqueLocal', 'linkLocal', 'loopback', 'unspecified']);
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const expected = internalV4.has(ipaddr.IPv4.parse(ip).range()) ? 'internal' : 'external';
        expect(classifyAddress(ip)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const address = ipaddr.IPv6.parse(ip);
        const reference = address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
        const range = reference.range();
        const inSiteLocal =
          reference.kind() === 'ipv6' && reference.match(ipaddr.IPv6.parseCIDR('fec0::/10'));
        const internal = (reference.kind() === 'ipv4' ? internalV4 : internalV6).has(range) || inSiteLocal;
        expect(classifyAddress(ip)).toBe(internal ? 'internal' : 'external');
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every address inside a generated tenant CIDR', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), fc.ipV4(), (base, bits, other) => {
        const cidr = `${ipaddr.IPv4.networkAddressFromCIDR(`${base}/${bits}`).toString()}/${bits}`;
        const inside = ipaddr.IPv4.parse(other).match(ipaddr.IPv4.parseCIDR(cidr));
        const publicOther = classifyAddress(other) === 'external';
        if (publicOther) expect(classifyAddress(other, [cidr])).toBe(inside ? 'internal' : 'external');
        expect(classifyAddress(base, [cidr])).toBe('internal');
      }),
    );
  });
});

describe('classifyHostExposure', () => {
  it('recognises internal-only names, internal load balancers and private literals', () => {
    for (const host of [
      'orders.internal',
      'ip-10-0-0-1.ec2.internal',
      'ip-10-0-0-1.eu-west-1.compute.internal',
      'printer.local',
      'payments.svc.cluster.local',
      'billing.corp',
      'internal-my-alb-1234567890.us-east-1.elb.amazonaws.com',
      'vpce-0abc-xyz.execute-api.us-east-1.vpce.amazonaws.com',
      '10.0.0.5',
      '10.0.0.5:8080',
      '[fd00::1]:443',
      'localhost',
      'orders-service',
      'API.INTERNAL.',
    ])
      expect([host, classifyHostExposure(host)]).toEqual([host, 'internal']);
  });

  it('keeps public names that merely contain internal-looking words internet-facing', () => {
    for (const host of [
      'api.example.com',
      'internal.example.com',
      'my-alb-123.us-east-1.elb.amazonaws.com',
      'localhosting.io',
      'corp.example.com',
      'internalapi.example.com',
      '8.8.8.8',
      'abc123.execute-api.us-east-1.amazonaws.com',
    ])
      expect([host, classifyHostExposure(host)]).toEqual([host, 'internet-facing']);
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string(), (host) =>
        ['internal', 'internet-facing'].includes(classifyHostExposure(host)),
      ),
    );
  });
});
