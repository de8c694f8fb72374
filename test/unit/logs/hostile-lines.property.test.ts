import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { validateApiCall, validateQuarantined } from '#events/validate';
import { LOG_FORMATS, parseLog } from '#shared/logs/parse-log';
import type { LogFormat } from '#shared/logs/detect-format';

async function* once(lines: string[]): AsyncGenerator<string[]> {
  yield lines;
}

async function parseAll(lines: string[], format: LogFormat | 'auto') {
  const calls = [];
  const quarantined = [];
  for await (const batch of parseLog(once(lines), {
    format,
    defaultHost: 'default.example',
    origin: 'fuzz',
  })) {
    calls.push(...batch.calls);
    quarantined.push(...batch.quarantined);
  }
  return { calls, quarantined };
}

/** What an attacker controls in a request line: host, path, method, user agent. */
const hostile = fc.record({
  host: fc.oneof(
    fc.constant('api.example.com'),
    fc.string({ minLength: 1, maxLength: 400 }).map((h) => h.replace(/[\s"/?]/g, 'h')),
  ),
  path: fc.oneof(
    fc
      .array(fc.string({ maxLength: 40 }), { maxLength: 300 })
      .map((s) => `/${s.map(encodeURIComponent).join('/')}`),
    fc.constantFrom(
      '/api/ssn/078-05-1120',
      '/c/4111 1111 1111 1111',
      '/p/+1-555-123-4567',
      `/${'a/'.repeat(3000)}`,
    ),
  ),
  method: fc.constantFrom('GET', 'POST', 'get', '', 'X'.repeat(30)),
  agent: fc.string({ maxLength: 2000 }).map((a) => a.replace(/"/g, '')),
});

function lineFor(
  format: LogFormat,
  v: { host: string; path: string; method: string; agent: string },
): string {
  const request = `${v.method} https://${v.host}:443${v.path} HTTP/1.1`;
  switch (format) {
    case 'alb':
      return `https 2024-05-01T12:00:00.123456Z app/lb/1 203.0.113.7:443 10.0.0.1:80 0.001 0.004 0.001 200 200 10 20 "${request}" "${v.agent}" ECDHE TLSv1.2 arn "Root=1" "${v.host}" "-" 1 2024-05-01T12:00:00.000000Z "forward" "-" "-"`;
    case 'apigw':
      return JSON.stringify({
        requestId: 'r',
        ip: '198.51.100.7',
        requestTimeEpoch: 1714564800000,
        httpMethod: v.method,
        path: v.path,
        status: 200,
        domainName: v.host,
      });
    case 'json':
      return JSON.stringify({
        time: '2024-05-01T12:00:00Z',
        method: v.method,
        host: v.host,
        path: v.path,
        status: 200,
        user_agent: v.agent,
      });
    default:
      return `203.0.113.7 - - [01/May/2024:12:00:00 +0000] "${v.method} ${v.path} HTTP/1.1" 200 20 "-" "${v.agent}"`;
  }
}

describe('every parser on adversarial lines', () => {
  it.each(LOG_FORMATS)(
    '%s: never throws; every call is schema-valid and bounded; every line kept or counted',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.oneof(
              hostile.map((v) => lineFor(format, v)),
              fc.string({ maxLength: 500 }),
            ),
            { minLength: 1, maxLength: 20 },
          ),
          async (lines) => {
            const { calls, quarantined } = await parseAll(lines, format);
            for (const call of calls) {
              expect(validateApiCall(call)).toBe(true);
              expect(Buffer.byteLength(call.host)).toBeLessThanOrEqual(253);
              expect(call.path).not.toMatch(/078-05-1120|4111 1111 1111 1111|\+1-555-123-4567/);
            }
            for (const q of quarantined) expect(validateQuarantined(q)).toBe(true);
            expect(calls.length + quarantined.length).toBe(lines.filter((l) => l.trim() !== '').length);
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});
