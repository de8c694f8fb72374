import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createGeoLookup, GeoDataError, type GeoLookup } from '#shared/classify/geo';

// The real databases, loaded once for the file: the answers below are stable public facts
// (Google's resolver is AS15169 in the US; 81.2.69.142 is MaxMind's own test address in Bracknell).
let geo: GeoLookup;
beforeAll(() => {
  geo = createGeoLookup();
  geo.warm();
});

describe('createGeoLookup', () => {
  it('finds country, city, ASN and organisation of public IPv4 addresses', () => {
    expect(geo.lookup('8.8.8.8')).toMatchObject({ country: 'US', asn: 15169, org: 'Google LLC' });
    expect(geo.lookup('81.2.69.142')).toMatchObject({ country: 'GB', city: 'Bracknell' });
  });

  it('answers an IPv4-mapped IPv6 address like the IPv4 address it holds', () => {
    expect(geo.lookup('::ffff:81.2.69.142')).toEqual(geo.lookup('81.2.69.142'));
  });

  it('finds the network of IPv6 addresses, bracketed or not', () => {
    expect(geo.lookup('2001:4860:4860::8888')).toMatchObject({ asn: 15169 });
    expect(geo.lookup('[2001:4860:4860::8888]')).toMatchObject({ asn: 15169 });
  });

  it('knows nothing about private addresses and garbage, without throwing', () => {
    for (const ip of ['10.1.2.3', '192.168.0.1', 'fd00::1', 'garbage', '', '1.2.3.4.5', 'x'.repeat(500)])
      expect(geo.lookup(ip)).toEqual({});
  });

  it('returns the same frozen answer for a repeated caller', () => {
    const first = geo.lookup('8.8.4.4');
    expect(geo.lookup('8.8.4.4')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6()), (ip) => typeof geo.lookup(ip) === 'object'),
    );
  });

  it('fails loudly when a database folder holds no database', () => {
    const lookup = createGeoLookup({ cityDir: '/nonexistent', asn: false });
    expect(() => lookup.lookup('8.8.8.8')).toThrow(GeoDataError);
  });
});

describe('ASN binary cache', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'surveyor-geo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the index at first use and answers the same from it on the next start', () => {
    const asnDir = join(dir, 'asn');
    // A small CSV of our own, so the test stays fast.
    writeFileSync(
      join(dir, 'asn-ipv4-num.csv'),
      '16777216,16777471,13335,"Cloudflare, Inc."\n134744064,134744319,15169,Google LLC\n',
    );
    const options = { asnDir: dir, cacheDir: asnDir, city: false } as const;
    const cold = createGeoLookup(options).lookup('8.8.8.8');
    expect(readdirSync(asnDir)).toEqual(['asn-ipv4-num.v1.bin']);
    const warm = createGeoLookup(options).lookup('8.8.8.8');
    expect(warm).toEqual({ asn: 15169, org: 'Google LLC' });
    expect(warm).toEqual(cold);
    expect(createGeoLookup(options).lookup('1.0.0.7')).toEqual({ asn: 13335, org: 'Cloudflare, Inc.' });
  });
});
