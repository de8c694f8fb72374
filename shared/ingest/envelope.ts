/**
 * Signed Kinesis record format: `sv1.<keyId>.<signature>.<body JSON>`, where signature is
 * base64url(HMAC-SHA256(secret, `sv1.<keyId>.<body JSON>`)). Signing the key id with the body stops a
 * valid signature from being replayed under another key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IngestEnvelope } from '#events/ingest-envelope.schema';
import { describeErrors, validateIngestEnvelope } from '#events/validate';
import type { IngestCredential } from './credentials.ts';

const VERSION = 'sv1';

/** Serializes and signs an envelope into Kinesis record bytes. */
export function sealEnvelope(envelope: IngestEnvelope, credential: IngestCredential): Buffer {
  const body = JSON.stringify(envelope);
  const signed = `${VERSION}.${credential.keyId}.${body}`;
  const signature = createHmac('sha256', credential.secret).update(signed).digest('base64url');
  return Buffer.from(`${VERSION}.${credential.keyId}.${signature}.${body}`, 'utf8');
}

export interface OpenedRecord {
  readonly keyId: string;
  readonly envelope: IngestEnvelope;
}

/**
 * Verifies and parses record bytes. `secretFor(keyId)` returns the key's secret, or undefined for an
 * unknown or revoked key. Throws EnvelopeError with the reason; never trusts the body before the
 * signature checks out.
 */
export async function openEnvelope(
  data: Buffer,
  secretFor: (keyId: string) => Promise<string | undefined>,
): Promise<OpenedRecord> {
  const text = data.toString('utf8');
  const first = text.indexOf('.');
  const second = first < 0 ? -1 : text.indexOf('.', first + 1);
  const third = second < 0 ? -1 : text.indexOf('.', second + 1);
  if (third < 0 || text.slice(0, first) !== VERSION) throw new EnvelopeError('not a signed Surveyor record');
  const keyId = text.slice(first + 1, second);
  const signature = Buffer.from(text.slice(second + 1, third), 'base64url');
  const body = text.slice(third + 1);
  const secret = await secretFor(keyId);
  if (secret === undefined) throw new EnvelopeError(`unknown or revoked ingest key ${keyId}`);
  const expected = createHmac('sha256', secret).update(`${VERSION}.${keyId}.${body}`).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) {
    throw new EnvelopeError(`bad signature for ingest key ${keyId}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    throw new EnvelopeError('body is not JSON', { cause });
  }
  if (!validateIngestEnvelope(parsed)) {
    throw new EnvelopeError(
      `body does not match the envelope schema: ${describeErrors(validateIngestEnvelope)}`,
    );
  }
  return { keyId, envelope: parsed };
}

export class EnvelopeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EnvelopeError';
  }
}
