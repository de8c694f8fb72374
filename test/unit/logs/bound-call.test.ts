import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import type { ApiCall } from '#events/api-call.schema';
import { validateApiCall } from '#events/validate';
import { boundCall, boundHost } from '#shared/logs/bound-call';

// A DNS name is at most 253 bytes (RFC 1035); written here, not read from the module under test.
const DNS_NAME_BYTES = 253;

const call: ApiCall = {
  source: 'alb',
  time: '2024-05-01T12:00:00.000Z',
  host: 'api.example.com',
  method: 'GET',
  path: '/v1/status',
  status: 200,
};

describe('boundCall', () => {
  it('counts a call with a 300-character Host under a bounded host that keeps its domain', () => {
    const bounded = boundCall({ ...call, host: `${'h'.repeat(288)}.example.com` });
    expect(bounded.ok).toBe(true);
    const host = (bounded as { call: ApiCall }).call.host;
    expect(Buffer.byteLength(host)).toBe(DNS_NAME_BYTES);
    expect(host.endsWith('hhh.example.com')).toBe(true);
  });

  it('bounds multibyte hosts by bytes, never splitting a character', () => {
    const host = boundHost('é'.repeat(400));
    expect(Buffer.byteLength(host)).toBeLessThanOrEqual(DNS_NAME_BYTES);
    expect(host).toBe('é'.repeat(126));
  });

  it('keeps the longest tail of whole code points within the byte bound, for any host', () => {
    fc.assert(
      fc.property(
        // ASCII hosts take a shortcut (a plain cut): both kinds, around the bound.
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.string({ minLength: 240, maxLength: 400 }),
        ),
        (raw) => {
          const lower = raw.toLowerCase();
          const host = boundHost(raw);
          const points = [...lower];
          const kept = [...host].length;
          const next = points[points.length - kept - 1];
          expect(lower.endsWith(host)).toBe(true);
          expect(Buffer.byteLength(host)).toBeLessThanOrEqual(DNS_NAME_BYTES);
          // Whole, or one more code point would not fit.
          expect(next === undefined || Buffer.byteLength(next + host) > DNS_NAME_BYTES).toBe(true);
        },
      ),
    );
  });

  it('cuts oversized fields to the schema and replaces sensitive path values', () => {
    const bounded = boundCall({
      ...call,
      path: `/api/ssn/078-05-1120/${'a/'.repeat(5000)}`,
      userAgent: 'u'.repeat(5000),
      queryKeys: Array.from({ length: 300 }, (_, i) => `k${i}`.repeat(100)),
      unknownField: 'dropped',
    });
    expect(bounded.ok).toBe(true);
    const out = (bounded as { call: ApiCall }).call;
    expect(out.path.startsWith('/api/ssn/{ssn}/a/')).toBe(true);
    expect(out.path.length).toBeLessThanOrEqual(8192);
    expect(out.userAgent).toHaveLength(1024);
    expect(out.queryKeys).toHaveLength(100);
    expect(out).not.toHaveProperty('unknownField');
  });

  it('refuses what cannot be a call, with a short reason', () => {
    expect(boundCall({ ...call, status: 'ok' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/status/),
    });
    expect(boundCall('x')).toEqual({ ok: false, reason: 'call is not an object' });
  });

  it('returns only schema-valid calls, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.record({
          host: fc.string({ maxLength: 600 }),
          path: fc.string({ maxLength: 10_000 }).map((p) => `/${p}`),
          userAgent: fc.string({ maxLength: 3000 }),
          status: fc.integer({ min: -5, max: 1200 }),
        }),
        (fields) => {
          const bounded = boundCall({ ...call, ...fields });
          if (bounded.ok) expect(validateApiCall(bounded.call)).toBe(true);
          else expect(bounded.reason.length).toBeLessThanOrEqual(512);
        },
      ),
    );
  });
});
