import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import type { ApiCall } from '#events/api-call.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { createPacker } from '#shared/ingest/forward/pack';
import { chunkRequests } from '#shared/ingest/forward/put-records';
import { partitionKeyOf } from '#shared/ingest/forward/ship-log';
import { sealEnvelope } from '#shared/ingest/envelope';

// Kinesis' documented limits (PutRecords: 500 records and 5 MiB per request; 1 MiB per record),
// written here rather than read from the module under test.
const KINESIS_RECORDS_PER_REQUEST = 500;
const KINESIS_BYTES_PER_REQUEST = 5 * 1024 * 1024;
const KINESIS_BYTES_PER_RECORD = 1024 * 1024;

const now = () => new Date('2024-05-01T00:00:00.000Z');
const callArb: fc.Arbitrary<ApiCall> = fc.record({
  source: fc.constant('alb' as const),
  time: fc.constant('2024-05-01T00:00:00.000Z'),
  host: fc.constantFrom('api.example.com', 'admin.example.com', 'x.example.org'),
  method: fc.constantFrom('GET', 'POST'),
  path: fc.string({ minLength: 1, maxLength: 3000 }).map((s) => `/${s}`),
  status: fc.integer({ min: 100, max: 599 }),
  userAgent: fc.string({ maxLength: 1024 }),
});
const quarantinedArb: fc.Arbitrary<Quarantined> = fc.record({
  format: fc.constant('alb' as const),
  line: fc.nat().map((n) => n + 1),
  reason: fc.constant('bad'),
  raw: fc.string({ maxLength: 2048 }),
});

describe('forwarder packing', () => {
  it('ships every call and quarantined line exactly once, in order per host, one host per envelope, under 1 MiB', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.array(callArb, { maxLength: 700 }), fc.array(quarantinedArb, { maxLength: 20 })),
          { maxLength: 4 },
        ),
        (batches) => {
          const packer = createPacker('s3://b/k', 's3://b/k#etag', now);
          const envelopes = [...batches.flatMap(([c, q]) => packer.add(c, q)), ...packer.flush()];
          const sent = batches.flatMap(([c]) => c);
          // Per host, in order; every envelope holds one host's calls (or quarantined lines only).
          for (const host of new Set(sent.map((c) => c.host))) {
            const shipped = envelopes.flatMap((e) => e.calls).filter((c) => c.host === host);
            expect(shipped).toEqual(sent.filter((c) => c.host === host));
          }
          expect(envelopes.flatMap((e) => e.calls).length).toBe(sent.length);
          expect(envelopes.flatMap((e) => e.quarantined)).toEqual(batches.flatMap(([, q]) => q));
          for (const e of envelopes) {
            expect(new Set(e.calls.map((c) => c.host)).size).toBeLessThanOrEqual(1);
            expect(e.calls.length === 0 || e.quarantined.length === 0).toBe(true);
            expect(e.calls.length + e.quarantined.length).toBeLessThanOrEqual(500);
            expect(sealEnvelope(e, { keyId: 'ik_x', secret: 's' }).byteLength).toBeLessThan(
              KINESIS_BYTES_PER_RECORD,
            );
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('gives the same source the same idempotency keys every time it is sent', () => {
    const calls = Array.from({ length: 1200 }, (_, i) => ({
      source: 'alb' as const,
      time: '2024-05-01T00:00:00.000Z',
      host: 'h',
      method: 'GET',
      path: `/x/${i}`,
      status: 200,
    }));
    const keys = () => {
      const packer = createPacker('s3://b/k', 's3://b/k#etag', now);
      return [...packer.add(calls, []), ...packer.flush()].map((e) => e.idempotencyKey);
    };
    expect(keys()).toEqual(['s3://b/k#etag#h#0', 's3://b/k#etag#h#1', 's3://b/k#etag#h#2']);
    expect(keys()).toEqual(keys());
  });

  it('splits PutRecords requests within 500 records and 5 MiB', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 1500 }), (sizes) => {
        const records = sizes.map((n, i) => ({ data: new Uint8Array(n), partitionKey: `p${i}` }));
        const requests = chunkRequests(records);
        expect(requests.flat().length).toBe(records.length);
        for (const r of requests) {
          expect(r.length).toBeLessThanOrEqual(KINESIS_RECORDS_PER_REQUEST);
          const bytes = r.reduce((s, e) => s + e.Data!.byteLength + e.PartitionKey!.length, 0);
          expect(bytes <= KINESIS_BYTES_PER_REQUEST || r.length === 1).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('keys every record of one host of one tenant alike, and other hosts or tenants apart', () => {
    const envelope = (host: string) => ({
      sentAt: '2024-05-01T00:00:00.000Z',
      origin: 'o',
      idempotencyKey: `o#${host}#${Math.random()}`,
      calls: [
        {
          source: 'alb' as const,
          time: '2024-05-01T00:00:00.000Z',
          host,
          method: 'GET',
          path: '/',
          status: 200,
        },
      ],
      quarantined: [],
    });

    const a1 = partitionKeyOf(envelope('a.example.com'), 'acme');
    const a2 = partitionKeyOf(envelope('a.example.com'), 'acme');
    const b = partitionKeyOf(envelope('b.example.com'), 'acme');
    const otherTenant = partitionKeyOf(envelope('a.example.com'), 'globex');

    expect(a1).toBe(a2);
    expect(new Set([a1, b, otherTenant]).size).toBe(3);
    expect(a1).toMatch(/^[0-9a-f]{32}$/);
  });
});
