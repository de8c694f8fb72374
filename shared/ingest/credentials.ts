/**
 * Ingest credentials: what a forwarder proves its tenant with. A key's secret is derived from the
 * master secret (HMAC of the key id), so the consumer stores no per-tenant secret and a key is
 * revoked by deleting its registry entry.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';

export interface IngestCredential {
  readonly keyId: string;
  readonly secret: string;
}

/** `deriveSecret(master, 'ik_abc')`: the secret a key id's holder signs with. */
export function deriveSecret(masterSecret: string, keyId: string): string {
  return createHmac('sha256', masterSecret).update(`surveyor-ingest-key:${keyId}`).digest('base64url');
}

/** A new random key id and its derived secret; the caller records `keyId -> tenant` in the registry. */
export function issueIngestKey(masterSecret: string): IngestCredential {
  const keyId = `ik_${randomBytes(12).toString('base64url')}`;
  return { keyId, secret: deriveSecret(masterSecret, keyId) };
}

/** `ik_x:secret` <-> credential: the form a customer pastes into the forwarder template. */
export function formatCredential(credential: IngestCredential): string {
  return `${credential.keyId}:${credential.secret}`;
}

/** `ik_x:secret` or the ingest-key form `ik_x.secret` -> credential. */
export function parseCredential(text: string): IngestCredential {
  const at = text.search(/[:.]/);
  if (at <= 0 || at === text.length - 1) throw new InvalidCredentialError();
  return { keyId: text.slice(0, at), secret: text.slice(at + 1) };
}

/**
 * The ingest key a customer's shipper sends as `Authorization: Bearer <key>`: `ik_x.secret`. Only
 * RFC 6750 token characters (base64url and '.'), so it needs no quoting in headers or configs.
 */
export function formatIngestKey(credential: IngestCredential): string {
  return `${credential.keyId}.${credential.secret}`;
}

/** What the registry keeps of a secret: its SHA-256 (the secret is random, so no slow hash is needed). */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export class InvalidCredentialError extends Error {
  constructor() {
    super('Ingest credential must look like <keyId>:<secret> or <keyId>.<secret>');
    this.name = 'InvalidCredentialError';
  }
}
