/**
 * Ingest credentials: what a forwarder proves its tenant with. A key's secret is derived from the
 * master secret (HMAC of the key id), so the consumer stores no per-tenant secret and a key is
 * revoked by deleting its registry entry.
 */
import { createHmac, randomBytes } from 'node:crypto';

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

export function parseCredential(text: string): IngestCredential {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) throw new InvalidCredentialError();
  return { keyId: text.slice(0, colon), secret: text.slice(colon + 1) };
}

export class InvalidCredentialError extends Error {
  constructor() {
    super('Ingest credential must look like <keyId>:<secret>');
    this.name = 'InvalidCredentialError';
  }
}
