import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { deriveSecret, issueIngestKey, parseCredential, formatCredential } from '#shared/ingest/credentials';
import { openEnvelope, sealEnvelope, EnvelopeError } from '#shared/ingest/envelope';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';

const MASTER = 'master-secret-for-tests';
const envelope: IngestEnvelope = {
  sentAt: '2024-05-01T12:00:00.000Z',
  origin: 's3://logs/alb/file.log.gz',
  idempotencyKey: 's3://logs/alb/file.log.gz#etag#0',
  calls: [
    {
      source: 'alb',
      time: '2024-05-01T11:59:59.000Z',
      host: 'api.example.com',
      method: 'GET',
      path: '/users/1',
      status: 200,
    },
  ],
  quarantined: [],
};

function registryOf(...keyIds: string[]): (keyId: string) => Promise<string | undefined> {
  return async (keyId) => (keyIds.includes(keyId) ? deriveSecret(MASTER, keyId) : undefined);
}

describe('ingest envelopes', () => {
  it('opens what the holder of a registered key sealed', async () => {
    const credential = issueIngestKey(MASTER);
    const opened = await openEnvelope(sealEnvelope(envelope, credential), registryOf(credential.keyId));
    expect(opened).toEqual({ keyId: credential.keyId, envelope });
  });

  it("rejects a record signed with a secret that is not the key id's", async () => {
    const credential = issueIngestKey(MASTER);
    const forged = sealEnvelope(envelope, { keyId: credential.keyId, secret: 'guessed' });
    await expect(openEnvelope(forged, registryOf(credential.keyId))).rejects.toThrow(/bad signature/);
  });

  it('rejects a record whose key is unknown or revoked', async () => {
    const credential = issueIngestKey(MASTER);
    await expect(openEnvelope(sealEnvelope(envelope, credential), registryOf())).rejects.toThrow(
      /unknown or revoked/,
    );
  });

  it('rejects a body changed after signing', async () => {
    const credential = issueIngestKey(MASTER);
    const sealed = sealEnvelope(envelope, credential).toString('utf8').replace('/users/1', '/users/2');
    await expect(openEnvelope(Buffer.from(sealed), registryOf(credential.keyId))).rejects.toThrow(
      EnvelopeError,
    );
  });

  it('rejects a signed body that breaks the envelope schema', async () => {
    const credential = issueIngestKey(MASTER);
    const bad = { ...envelope, idempotencyKey: undefined } as unknown as IngestEnvelope;
    await expect(openEnvelope(sealEnvelope(bad, credential), registryOf(credential.keyId))).rejects.toThrow(
      /schema/,
    );
  });

  it('leaves a bad call to the caller: one call never fails its envelope', async () => {
    const credential = issueIngestKey(MASTER);
    const bad = { ...envelope, calls: [{ ...envelope.calls[0], status: 'ok' }] } as unknown as IngestEnvelope;
    const opened = await openEnvelope(sealEnvelope(bad, credential), registryOf(credential.keyId));
    expect(opened.envelope.calls).toEqual(bad.calls);
  });

  it('rejects a malformed or oversized key id before any lookup, without quoting it', async () => {
    const lookups: string[] = [];
    const secretFor = async (keyId: string) => {
      lookups.push(keyId);
      return undefined;
    };
    for (const keyId of [`ik_${'k'.repeat(2048)}`, 'ik_a', 'ik_!!!!!!!!!!', 'REGISTRY#x']) {
      const record = Buffer.from(`sv1.${keyId}.c2ln.{}`);
      const error = (await openEnvelope(record, secretFor).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(EnvelopeError);
      expect(error.message).toMatch(/^malformed key id \(\d+ characters\)$/);
    }
    expect(lookups).toEqual([]);
  });

  it('rejects an envelope signed longer ago than the replay window, or in the future', async () => {
    const credential = issueIngestKey(MASTER);
    const sealed = sealEnvelope(envelope, credential);
    const at = (iso: string) => ({ now: new Date(iso), maxAgeMs: 7 * 24 * 3600_000 });
    await expect(
      openEnvelope(sealed, registryOf(credential.keyId), at('2024-05-08T12:00:01.000Z')),
    ).rejects.toThrow(/older than the replay window/);
    await expect(
      openEnvelope(sealed, registryOf(credential.keyId), at('2024-05-01T11:50:00.000Z')),
    ).rejects.toThrow(/in the future/);
    const opened = await openEnvelope(sealed, registryOf(credential.keyId), at('2024-05-08T11:59:00.000Z'));
    expect(opened.keyId).toBe(credential.keyId);
  });

  it('never throws anything but EnvelopeError on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        await expect(openEnvelope(Buffer.from(bytes), registryOf('ik_a'))).rejects.toThrow(EnvelopeError);
      }),
    );
  });

  it('round-trips a credential through its text form', () => {
    const credential = issueIngestKey(MASTER);
    // The text form carries the id and the secret; the master version lives in the registry.
    expect(parseCredential(formatCredential(credential))).toEqual({
      keyId: credential.keyId,
      secret: credential.secret,
    });
    expect(() => parseCredential('no-colon')).toThrow(/keyId/);
  });
});
