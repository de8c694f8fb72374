import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { parseAlbLine } from '#shared/logs/alb';
import { validateApiCall } from '#events/validate';
import { fixtureLines } from './fixtures.ts';

describe('parseAlbLine', () => {
  it('parses every ALB request type from the AWS documentation examples into valid calls', () => {
    const outcomes = fixtureLines('alb', 'types.log').map((line) => parseAlbLine(line));
    expect(outcomes.map((o) => (o.ok ? o.call.transport : o.reason))).toEqual([
      'http',
      'https',
      'h2',
      'ws',
      'wss',
      'grpcs',
    ]);
    for (const o of outcomes) expect(o.ok && validateApiCall(o.call)).toBe(true);
  });

  it('reads host, path, query names, timings, TLS and auth from an https line', () => {
    const [, line] = fixtureLines('alb', 'types.log');
    const outcome = parseAlbLine(line!);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.call).toMatchObject({
      time: '2018-07-02T22:23:00.186Z',
      host: 'www.example.com',
      method: 'GET',
      path: '/users/42/orders',
      queryKeys: ['page', 'api_key'],
      status: 200,
      targetStatus: 200,
      latencyMs: 171,
      backendLatencyMs: 48,
      clientIp: '192.168.131.39',
      tlsProtocol: 'TLSv1.2',
      actions: ['authenticate', 'forward'],
      authScheme: 'oidc',
    });
    expect(JSON.stringify(outcome.call)).not.toContain('SECRETVALUE');
  });

  it('unescapes quotes and \\x escapes and ignores fields AWS appended later', () => {
    const [line] = fixtureLines('alb', 'escapes.log');
    const outcome = parseAlbLine(line!);
    expect(outcome.ok && outcome.call.userAgent).toBe('Mozilla/5.0 "quoted" agent \u0000\u001f');
    expect(outcome.ok && outcome.call.tlsProtocol).toBe('TLSv1.3');
  });

  it('rejects malformed lines with a reason instead of throwing', () => {
    const reasons = fixtureLines('alb', 'malformed.log').map((line) => {
      const outcome = parseAlbLine(line);
      return outcome.ok ? 'parsed' : outcome.reason;
    });
    expect(reasons).toEqual([
      expect.stringMatching(/method/),
      expect.stringMatching(/request type/),
      expect.stringMatching(/time/),
      expect.stringMatching(/too few fields/),
    ]);
  });

  it('marks credentials in the query string as credential-in-query auth', () => {
    const line = fixtureLines('alb', 'types.log')[0]!.replace(
      'http://www.example.com:80/ ',
      'http://www.example.com:80/x?access_token=abc ',
    );
    const outcome = parseAlbLine(line);
    expect(outcome.ok && outcome.call.authScheme).toBe('credential-in-query');
  });

  it('never throws on arbitrary text or on mutated valid lines', () => {
    const valid = fixtureLines('alb', 'types.log');
    fc.assert(
      fc.property(
        fc.string(),
        fc.nat(),
        fc.nat({ max: 5 }),
        fc.string({ maxLength: 5 }),
        (junk, at, pick, insert) => {
          expect(() => parseAlbLine(junk)).not.toThrow();
          const line = valid[pick]!;
          const i = at % line.length;
          expect(() => parseAlbLine(line.slice(0, i) + insert + line.slice(i + 1))).not.toThrow();
        },
      ),
    );
  });

  it('parses generated lines back to the values they were built from, never keeping query values', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}\.example\.com$/),
        fc.array(segment, { maxLength: 5 }),
        fc.array(fc.tuple(segment, segment), { maxLength: 3 }),
        fc.integer({ min: 100, max: 599 }),
        fc.ipV4(),
        fc.date({ min: new Date('2015-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        (method, host, segments, query, status, ip, date) => {
          const path = '/' + segments.join('/');
          const qs = query.length === 0 ? '' : '?' + query.map(([k, v]) => `${k}=VALUE${v}`).join('&');
          const time = date.toISOString().replace('Z', '123Z');
          const line = `https ${time} app/lb/1 ${ip}:443 10.0.0.1:80 0.001 0.002 0.003 ${status} ${status} 10 20 "${method} https://${host}:443${path}${qs} HTTP/1.1" "ua" ECDHE TLSv1.2 arn "Root=1" "${host}" "-" 1 ${time} "forward" "-" "-"`;
          const outcome = parseAlbLine(line);
          expect(outcome.ok).toBe(true);
          if (!outcome.ok) return;
          expect(outcome.call).toMatchObject({
            method,
            host,
            path,
            status,
            clientIp: ip,
            time: date.toISOString(),
          });
          expect(outcome.call.queryKeys ?? []).toEqual(query.map(([k]) => k));
          expect(JSON.stringify(outcome.call)).not.toContain('VALUE');
          expect(validateApiCall(outcome.call)).toBe(true);
        },
      ),
    );
  });
});
