import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { validateApiCall } from '#events/validate';
import { apacheParser, envoyParser, nginxParser, NGINX_FORMATS } from '#shared/logs/text-formats';
import { TemplateError, compileTemplate } from '#shared/logs/log-template';
import type { ParseOutcome } from '#shared/logs/parse-outcome';
import { fixtureLines } from './fixtures.ts';

const calls = (outcomes: ParseOutcome[]) => outcomes.map((o) => (o.ok ? o.call : o.reason));
const HOST = { defaultHost: 'shop.example.com' };

describe('nginx access logs', () => {
  it('reads the combined format, taking the host from ?host= when the line has none', () => {
    const parse = nginxParser(HOST);
    const [orders, created, deleted, search, email] = calls(fixtureLines('nginx', 'combined.log').map(parse));

    expect(orders).toEqual({
      source: 'nginx',
      time: '2024-05-01T12:00:00.000Z',
      host: 'shop.example.com',
      method: 'GET',
      path: '/api/v1/orders/1042',
      queryKeys: ['expand'],
      status: 200,
      protocol: 'HTTP/1.1',
      clientIp: '203.0.113.7',
      bytesOut: 1532,
      userAgent: 'curl/8.5.0',
    });
    expect(created).toMatchObject({ time: '2024-05-01T12:00:01.000Z', method: 'POST', authScheme: 'basic' });
    expect(deleted).toMatchObject({
      host: 'admin.example.com',
      path: expect.stringMatching(/^\/api\/v1\/users\//),
    });
    expect(search).toMatchObject({ queryKeys: ['q', 'api_key'], authScheme: 'credential-in-query' });
    expect(email).toMatchObject({ sensitive: ['email'], status: 404 });
    expect(JSON.stringify([search, email])).not.toMatch(/abc123|widgets/);
    for (const call of [orders, created, deleted, search, email]) expect(validateApiCall(call)).toBe(true);
  });

  it('reads main, taking the client from the first X-Forwarded-For hop', () => {
    const [first, second] = calls(fixtureLines('nginx', 'main.log').map(nginxParser(HOST)));
    expect(first).toMatchObject({ clientIp: '203.0.113.50', path: '/api/v1/orders/1042' });
    expect(second).toMatchObject({ clientIp: '10.0.0.5', method: 'PUT' });
  });

  it("reads a tenant's own log_format, with the host from $host and latencies in seconds", () => {
    const logFormat = `${NGINX_FORMATS.combined} rt=$request_time uct=$upstream_connect_time urt=$upstream_response_time host=$host`;
    const [first, second] = calls(
      fixtureLines('nginx', 'with-host.log').map(nginxParser({ ...HOST, logFormat })),
    );

    expect(first).toMatchObject({ host: 'catalog.example.com', latencyMs: 12, backendLatencyMs: 10 });
    expect(second).toMatchObject({ host: 'catalog.example.com', latencyMs: 20, backendLatencyMs: 4 });
  });

  it('quarantines TLS noise, empty requests, bad times and statuses with a reason, and lines with no host', () => {
    const reasons = calls(fixtureLines('nginx', 'malformed.log').map(nginxParser(HOST)));
    const noHost = nginxParser()(fixtureLines('nginx', 'combined.log')[0]!);

    expect(reasons).toEqual([
      expect.stringMatching(/METHOD URL PROTOCOL/),
      expect.stringMatching(/method/),
      expect.stringMatching(/time/),
      expect.stringMatching(/status/),
      expect.stringMatching(/does not follow/),
    ]);
    expect(noHost).toEqual({ ok: false, reason: expect.stringMatching(/no host/) });
  });

  it('refuses a log_format with two variables and nothing between them', () => {
    expect(() => compileTemplate('$remote_addr$status')).toThrow(TemplateError);
    expect(() => compileTemplate('no variables')).toThrow(TemplateError);
  });
});

describe('Apache access logs', () => {
  it('reads combined (escaped quotes, "-" for no bytes) and vhost_combined (host from %v)', () => {
    const parse = apacheParser(HOST);
    const [classic, report] = calls(fixtureLines('apache', 'combined.log').map(parse));
    const [vhost, posted] = calls(fixtureLines('apache', 'vhost_combined.log').map(parse));

    expect(classic).toMatchObject({
      source: 'apache',
      time: '2000-10-10T20:55:36.000Z',
      path: '/apache_pb.gif',
      authScheme: 'basic',
      bytesOut: 2326,
    });
    expect(report).toMatchObject({ userAgent: 'Go-http-client/1.1 \\"beta\\"', queryKeys: ['format'] });
    expect(report).not.toHaveProperty('bytesOut');
    expect(vhost).toMatchObject({ host: 'reports.example.com', clientIp: '192.0.2.44', bytesOut: 4096 });
    expect(posted).toMatchObject({ host: 'reports.example.com', method: 'POST', authScheme: 'basic' });
  });
});

describe('Envoy access logs', () => {
  it('reads the default format: host from :authority, client from X-Forwarded-For, durations, flags', () => {
    const [doc, payment, unhealthy] = calls(fixtureLines('envoy', 'default.log').map(envoyParser(HOST)));

    expect(doc).toMatchObject({
      source: 'envoy',
      time: '2016-04-15T20:17:00.310Z',
      host: 'locations',
      method: 'POST',
      path: '/api/v1/locations',
      status: 204,
      bytesIn: 154,
      bytesOut: 0,
      latencyMs: 226,
      backendLatencyMs: 100,
      clientIp: '10.0.35.28',
      requestId: 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2',
    });
    expect(payment).toMatchObject({ host: 'payments.mesh.internal', queryKeys: ['currency'] });
    expect(unhealthy).toMatchObject({ status: 503, errorReason: 'UH' });
    expect(unhealthy).not.toHaveProperty('backendLatencyMs');
    expect(unhealthy).not.toHaveProperty('clientIp');
  });
});

describe('text formats, property-based', () => {
  const segment = fc.stringMatching(/^[a-zA-Z0-9_-]{1,12}$/);
  const parsers = { nginx: nginxParser(HOST), apache: apacheParser(HOST), envoy: envoyParser(HOST) };

  it('never throws on arbitrary text or mutated fixture lines', () => {
    const valid = [
      ...fixtureLines('nginx', 'combined.log'),
      ...fixtureLines('apache', 'vhost_combined.log'),
      ...fixtureLines('envoy', 'default.log'),
    ];
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.nat(), fc.string({ maxLength: 5 }), (junk, at, pick, insert) => {
        const line = valid[pick % valid.length]!;
        const i = at % line.length;
        for (const parse of Object.values(parsers)) {
          expect(() => parse(junk)).not.toThrow();
          const outcome = parse(line.slice(0, i) + insert + line.slice(i + 1));
          if (outcome.ok) expect(validateApiCall(outcome.call)).toBe(true);
        }
      }),
    );
  });

  it('turns generated lines into schema-valid calls with the values they were built from, never query values', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        fc.array(segment, { maxLength: 5 }),
        fc.array(fc.tuple(segment, segment), { maxLength: 3 }),
        fc.integer({ min: 100, max: 599 }),
        fc.ipV4(),
        fc.date({ min: new Date('2015-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        fc.constantFrom('nginx', 'envoy'),
        (method, segments, query, status, ip, date, format) => {
          const path = '/' + segments.join('/');
          const qs = query.length === 0 ? '' : '?' + query.map(([k, v]) => `${k}=VALUE${v}`).join('&');
          const time = new Date(Math.floor(date.getTime() / 1000) * 1000);
          const clf = time
            .toUTCString()
            .replace(/^\w+, (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1/$2/$3:$4 +0000');
          const line =
            format === 'nginx'
              ? `${ip} - - [${clf}] "${method} ${path}${qs} HTTP/1.1" ${status} 10 "-" "ua"`
              : `[${time.toISOString()}] "${method} ${path}${qs} HTTP/1.1" ${status} - 1 2 3 - "${ip}" "ua" "id" "shop.example.com" "-"`;

          const outcome = parsers[format](line);

          expect(outcome.ok).toBe(true);
          if (!outcome.ok) return;
          expect(outcome.call).toMatchObject({
            method,
            path,
            status,
            clientIp: ip,
            time: time.toISOString(),
          });
          expect(outcome.call.queryKeys ?? []).toEqual(query.map(([k]) => k));
          expect(JSON.stringify(outcome.call)).not.toContain('VALUE');
          expect(validateApiCall(outcome.call)).toBe(true);
        },
      ),
    );
  });
});
