/**
 * Integration secrets at rest: sealed with KMS in AWS (the notifier may only decrypt, bound to the
 * tenant and integration by the encryption context) and with a local AES-256-GCM key in local mode.
 * The same context must open what it sealed, so a sealed value copied to another tenant's item
 * does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, EncryptCommand, type KMSClient } from '@aws-sdk/client-kms';

/** Which integration a sealed value belongs to. */
export interface SealContext {
  readonly tenant: string;
  readonly integration: string;
}

export interface SecretSealer {
  seal(plaintext: string, context: SealContext): Promise<string>;
  open(sealed: string, context: SealContext): Promise<string>;
}

export class SealedSecretError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SealedSecretError';
  }
}

const aad = (c: SealContext) => Buffer.from(`surveyor-integration\0${c.tenant}\0${c.integration}`);

/** AES-256-GCM with a 32-byte key (local mode: a key file in the data folder). */
export function localSealer(key: Buffer): SecretSealer {
  if (key.length !== 32) throw new SealedSecretError('The local alerts key must be 32 bytes');
  return {
    async seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `local1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
    },
    async open(sealed, context) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'local1' || iv === undefined || tag === undefined || body === undefined)
        throw new SealedSecretError('Not a locally sealed secret');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
          .setAAD(aad(context))
          .setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (cause) {
        throw new SealedSecretError('The secret does not open with this key and integration', { cause });
      }
    },
  };
}

/** KMS Encrypt/Decrypt under `keyId`, with the tenant and integration as encryption context. */
export function kmsSealer(kms: KMSClient, keyId: string): SecretSealer {
  const encryptionContext = (c: SealContext) => ({ tenant: c.tenant, integration: c.integration });
  return {
    async seal(plaintext, context) {
      const { CiphertextBlob } = await kms.send(
        new EncryptCommand({
          KeyId: keyId,
          Plaintext: Buffer.from(plaintext, 'utf8'),
          EncryptionContext: encryptionContext(context),
        }),
      );
      if (CiphertextBlob === undefined) throw new SealedSecretError('KMS returned no ciphertext');
      return `kms1.${Buffer.from(CiphertextBlob).toString('base64url')}`;
    },
    async open(sealed, context) {
      const [version, blob] = sealed.split('.');
      if (version !== 'kms1' || blob === undefined) throw new SealedSecretError('Not a KMS-sealed secret');
      const { Plaintext } = await kms.send(
        new DecryptCommand({
          KeyId: keyId,
          CiphertextBlob: Buffer.from(blob, 'base64url'),
          EncryptionContext: encryptionContext(context),
        }),
      );
      if (Plaintext === undefined) throw new SealedSecretError('KMS returned no plaintext');
      return Buffer.from(Plaintext).toString('utf8');
    },
  };
}
