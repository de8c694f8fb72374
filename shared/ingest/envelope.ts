/**
 * Signed Kinesis record format: `sv1.<keyId>.<signature>.<body JSON>`, where signature is
 * base64url(HMAC-SHA256(secret, `sv1.<keyId>.<body JSON>`)). Signing the key id with the body stops a
 * valid signature from being replayed under another key.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IngestEnvelope, IngestEnvelopeShell } from '#events/ingest-envelope.schema';
import { describeErrors, validateIngestEnvelopeShell } from '#events/validate';
import type { IngestCredential } from './credentials.ts';

const VERSION = 'sv1';

/**
 * What an issued key id looks like (`ik_` and 16 base64url characters; a little room for other
 * issuers). Checked before any lookup: a forged 2 KB id must cost nothing and reach no table.
 */
export const KEY_ID = /^ik_[A-Za-z0-9_-]{8,64}$/;

/** Clock skew tolerated on a signed `sentAt` in the future. */
const MAX_SKEW_MS = 5 * 60_000;

/** Serializes and signs an envelope into Kinesis record bytes. */
export function sealEnvelope(envelope: IngestEnvelope, credential: IngestCredential): Buffer {
  const body = JSON.stringify(envelope);
  const signed = `${VERSION}.${credential.keyId}.${body}`;
  const signature = createHmac('sha256', credential.secret).update(signed).digest('base64url');
  return Buffer.from(`${VERSION}.${credential.keyId}.${signature}.${body}`, 'utf8');
}

export interface OpenedRecord {
  readonly keyId: string;
  /** Checked as a whole; its calls and quarantined lines are checked one by one by the caller. */
  readonly envelope: IngestEnvelopeShell;
}

export interface OpenOptions {
  readonly now: Date;
  /**
   * Envelopes signed longer ago are refused: past it their idempotency marker may be gone, so a
   * replay (from the failure bucket, say) would count twice.
   */
  readonly maxAgeMs: number;
}

/** The key id a record claims, if it is well-formed; nothing else of the record is read. */
export function claimedKeyId(data: Buffer): string | undefined {
  const head = data.subarray(0, 80).toString('utf8');
  const first = head.indexOf('.');
  const second = first < 0 ? -1 : head.indexOf('.', first + 1);
  if (second < 0 || head.slice(0, first) !== VERSION) return undefined;
  const keyId = head.slice(first + 1, second);
  return KEY_ID.test(keyId) ? keyId : undefined;
}

/**
 * Verifies and parses record bytes. `secretFor(keyId)` returns the key's secret, or undefined for an
 * unknown or revoked key. Throws EnvelopeError with the reason; never trusts the body before the
 * signature checks out.
 */
export async function openEnvelope(
  data: Buffer,
  secretFor: (keyId: string) => Promise<string | undefined>,
  options?: OpenOptions,
): Promise<OpenedRecord> {
  const keyId = claimedKeyId(data);
  const text = data.toString('utf8');
  const first = text.indexOf('.');
  const second = first < 0 ? -1 : text.indexOf('.', first + 1);
  const third = second < 0 ? -1 : text.indexOf('.', second + 1);
  if (third < 0 || text.slice(0, first) !== VERSION) throw new EnvelopeError('not a signed Surveyor record');
  // Reasons never quote what the sender wrote beyond a well-formed key id: they are stored.
  if (keyId === undefined) throw new EnvelopeError(`malformed key id (${second - first - 1} characters)`);
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
  if (!validateIngestEnvelopeShell(parsed)) {
    throw new EnvelopeError(
      `body does not match the envelope schema: ${describeErrors(validateIngestEnvelopeShell)}`.slice(0, 512),
    );
  }
  if (options !== undefined) {
    const age = options.now.getTime() - Date.parse(parsed.sentAt);
    if (age > options.maxAgeMs)
      throw new EnvelopeError(`signed sentAt ${parsed.sentAt} is older than the replay window`);
    if (age < -MAX_SKEW_MS) throw new EnvelopeError(`signed sentAt ${parsed.sentAt} is in the future`);
  }
  return { keyId, envelope: parsed };
}

export class EnvelopeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EnvelopeError';
  }
}
