import { describe, it, expect } from '@jest/globals';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import { deriveSecret, issueIngestKey } from '#shared/ingest/credentials';
import { sealEnvelope } from '#shared/ingest/envelope';
import { openRecords, type KeyResolver } from '#shared/ingest/open-records';

const MASTER = 'open-records-master';
const call = {
  source: 'alb' as const,
  time: '2024-05-01T12:00:00.000Z',
  host: 'api.example.com',
  method: 'GET',
  path: '/v1/status',
  status: 200,
};
const envelope = (calls: unknown[]): IngestEnvelope =>
  ({
    sentAt: '2024-05-01T12:00:00.000Z',
    origin: 's3://logs/a.gz',
    idempotencyKey: `s3://logs/a.gz#${calls.length}`,
    calls,
    quarantined: [],
  }) as IngestEnvelope;

function resolverFor(tenants: Record<string, string>): KeyResolver & { lookups: string[][] } {
  const lookups: string[][] = [];
  const resolve = (async (keyId: string) =>
    tenants[keyId] === undefined
      ? undefined
      : { tenant: tenants[keyId]!, secret: deriveSecret(MASTER, keyId) }) as KeyResolver & {
    lookups: string[][];
  };
  resolve.preload = async (ids) => void lookups.push([...ids]);
  resolve.lookups = lookups;
  return resolve;
}

describe('openRecords', () => {
  it('quarantines a bad call alone and keeps the rest of its envelope', async () => {
    const key = issueIngestKey(MASTER);
    const data = sealEnvelope(
      envelope([call, { ...call, status: 'ok' }, { ...call, host: 'h'.repeat(300), path: '/v1/orders/1' }]),
      key,
    );
    const opened = await openRecords(
      [{ shardId: 's', sequenceNumber: '1', data }],
      resolverFor({ [key.keyId]: 'acme' }),
    );
    expect(opened.calls.map((c) => [c.tenant, c.call.path, c.call.host.length])).toEqual([
      ['acme', '/v1/status', 15],
      ['acme', '/v1/orders/1', 253],
    ]);
    expect(opened.envelopes.flatMap((e) => e.quarantined)).toEqual([
      expect.objectContaining({ tenant: 'acme', line: 2, reason: expect.stringMatching(/status/) }),
    ]);
    expect(opened.rejected).toEqual([]);
  });

  it('rejects forged and junk records one by one, looking well-formed key ids up once per batch', async () => {
    const key = issueIngestKey(MASTER);
    const good = sealEnvelope(envelope([call]), key);
    const records = [
      { shardId: 's', sequenceNumber: '1', data: Buffer.from(`sv1.ik_${'k'.repeat(2048)}.c2ln.{}`) },
      { shardId: 's', sequenceNumber: '2', data: Buffer.from('junk') },
      { shardId: 's', sequenceNumber: '3', data: good },
      { shardId: 's', sequenceNumber: '4', data: sealEnvelope(envelope([call]), issueIngestKey(MASTER)) },
    ];
    const resolver = resolverFor({ [key.keyId]: 'acme' });
    const opened = await openRecords(records, resolver);
    expect(opened.calls.map((c) => c.sequenceNumber)).toEqual(['3']);
    expect(opened.rejected.map((r) => r.sequenceNumber)).toEqual(['1', '2', '4']);
    for (const r of opened.rejected) expect(r.reason.length).toBeLessThan(100);
    expect(resolver.lookups).toHaveLength(1);
    expect(resolver.lookups[0]).toHaveLength(2);
  });
});
