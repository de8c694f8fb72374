import { describe, expect, it } from '@jest/globals';
import { parseRoute53QueryLog, queriesUnder } from '#shared/scans/route53-query-log';

// The documented Route 53 public DNS query log format, version 1.0.
const line = (name: string, at = '2026-12-02T07:01:02.345Z') =>
  `1.0 ${at} Z0123456789ABCDEFGHIJ ${name} A NOERROR UDP FRA56-C1 192.0.2.53 198.51.100.0/24`;

describe('Route 53 query log lines', () => {
  it('yields the queried name, lower-cased and without a trailing dot, and the time', () => {
    expect(parseRoute53QueryLog(line('AB12cd.Token.CB.Surveyor.Example.com.'))).toEqual({
      name: 'ab12cd.token.cb.surveyor.example.com',
      at: new Date('2026-12-02T07:01:02.345Z'),
    });
  });

  it('ignores lines of another version, without a valid time, or with an impossible name', () => {
    expect(parseRoute53QueryLog(line('x.example.com').replace(/^1\.0/, '2.0'))).toBeUndefined();
    expect(parseRoute53QueryLog(line('x.example.com', 'yesterday'))).toBeUndefined();
    expect(parseRoute53QueryLog(line(`${'a'.repeat(300)}.example.com`))).toBeUndefined();
    expect(parseRoute53QueryLog('')).toBeUndefined();
  });

  it('keeps only queries for names under the callback zone, not the apex or look-alike zones', () => {
    const lines = [
      line('m1.t1.cb.example.com'),
      line('cb.example.com'),
      line('m2.t2.evilcb.example.com'),
      line('m3.t3.cb.example.com.attacker.net'),
      'not a log line',
    ];
    expect(queriesUnder('cb.example.com', lines).map((q) => q.name)).toEqual(['m1.t1.cb.example.com']);
  });
});
