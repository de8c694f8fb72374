import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import type { ApiCall } from '#events/api-call.schema';
import type { Quarantined } from '#events/quarantine.schema';
import { createPacker, MAX_CALLS } from '#shared/ingest/forward/pack';
import {
  chunkRequests,
  MAX_BYTES_PER_REQUEST,
  MAX_RECORDS_PER_REQUEST,
} from '#shared/ingest/forward/put-records';
import { sealEnvelope } from '#shared/ingest/envelope';

const now = () => new Date('2024-05-01T00:00:00.000Z');
const callArb: fc.Arbitrary<ApiCall> = fc.record({
  source: fc.constant('alb' as const),
  time: fc.constant('2024-05-01T00:00:00.000Z'),
  host: fc.constant('api.example.com'),
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
  it('ships every call and quarantined line exactly once, in order, in envelopes under 1 MiB', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.array(callArb, { maxLength: 700 }), fc.array(quarantinedArb, { maxLength: 20 })),
          { maxLength: 4 },
        ),
        (batches) => {
          const packer = createPacker('s3://b/k', 's3://b/k#etag', now);
          const envelopes = [...batches.flatMap(([c, q]) => packer.add(c, q)), ...packer.flush()];
          expect(envelopes.flatMap((e) => e.calls)).toEqual(batches.flatMap(([c]) => c));
          expect(envelopes.flatMap((e) => e.quarantined)).toEqual(batches.flatMap(([, q]) => q));
          for (const e of envelopes) {
            expect(e.calls.length + e.quarantined.length).toBeLessThanOrEqual(MAX_CALLS);
            expect(sealEnvelope(e, { keyId: 'ik_x', secret: 's' }).byteLength).toBeLessThan(1024 * 1024);
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
    expect(keys()).toEqual(['s3://b/k#etag#0', 's3://b/k#etag#1', 's3://b/k#etag#2']);
    expect(keys()).toEqual(keys());
  });

  it('splits PutRecords requests within 500 records and 5 MiB', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 1500 }), (sizes) => {
        const records = sizes.map((n, i) => ({ data: new Uint8Array(n), partitionKey: `p${i}` }));
        const requests = chunkRequests(records);
        expect(requests.flat().length).toBe(records.length);
        for (const r of requests) {
          expect(r.length).toBeLessThanOrEqual(MAX_RECORDS_PER_REQUEST);
          const bytes = r.reduce((s, e) => s + e.Data!.byteLength + e.PartitionKey!.length, 0);
          expect(bytes <= MAX_BYTES_PER_REQUEST || r.length === 1).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});
