/**
 * Ingest credentials: what a forwarder proves its tenant with. A key's secret is derived from one
 * version of the master secret (HMAC of the version and the key id), so the consumer stores no
 * per-tenant secret, a key is revoked by marking its registry entry, and the master can rotate.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { masterKeyring } from './master-keyring.ts';

export interface IngestCredential {
  readonly keyId: string;
  readonly secret: string;
  /** The master secret version it was derived from (1 when absent); kept in the registry entry. */
  readonly masterVersion?: number;
}

/**
 * `deriveSecret(master, 'ik_abc', 2)`: the secret a key id's holder signs with. Version 1 keeps the
 * derivation keys were first issued with, so they verify unchanged; later versions bind the version.
 */
export function deriveSecret(masterSecret: string, keyId: string, masterVersion = 1): string {
  const input =
    masterVersion === 1 ? `surveyor-ingest-key:${keyId}` : `surveyor-ingest-key:v${masterVersion}:${keyId}`;
  return createHmac('sha256', masterSecret).update(input).digest('base64url');
}

/**
 * A new random key id and its secret, derived from the keyring's current version (`masterSecret` is
 * the secret's text: one secret or a JSON keyring); the caller records it in the registry.
 */
export function issueIngestKey(masterSecret: string): IngestCredential {
  const keyring = masterKeyring(masterSecret);
  const keyId = `ik_${randomBytes(12).toString('base64url')}`;
  const masterVersion = keyring.current;
  return { keyId, secret: deriveSecret(keyring.secret(masterVersion)!, keyId, masterVersion), masterVersion };
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
