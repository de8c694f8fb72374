/**
 * Who is posting: the ingest key in `Authorization: Bearer <key>` names its registry entry, whose
 * tenant is the only tenant the intake ever files calls under. The registry keeps the SHA-256 of
 * the key's secret, so the intake needs no master secret; it compares hashes in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseCredential, secretHash, type IngestCredential } from '#shared/ingest/credentials';
import { readRegistryEntry } from '#shared/ingest/registry';
import { UnauthorizedError } from './errors.ts';

const KEY = /^ik_[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{16,128}$/;

export interface IntakeCaller {
  readonly tenant: string;
  readonly source: string;
  /** The key's credential: the intake signs the envelopes it ships with it. */
  readonly credential: IngestCredential;
  /** The AWS account the key is bound to, if any: only callers API Gateway authenticated as it. */
  readonly awsAccount?: string;
}

export type Authenticate = (authorization: string | undefined) => Promise<IntakeCaller>;

/**
 * `authenticate('Bearer ik_x.secret')` -> caller, or throws UnauthorizedError. The registry entry is
 * read on every request (one small GetItem per batch of lines), so a revoked key is refused at once.
 */
export function createAuthenticator(doc: DynamoDBDocumentClient, table: string): Authenticate {
  return async (authorization) => {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    const key = match?.[1];
    if (key === undefined || !KEY.test(key)) throw new UnauthorizedError();
    const credential = parseCredential(key);
    const item = await readRegistryEntry(doc, table, credential.keyId);
    if (item === undefined || item.revokedAt !== undefined || typeof item.secretHash !== 'string')
      throw new UnauthorizedError();
    const stored = Buffer.from(item.secretHash, 'hex');
    const presented = Buffer.from(secretHash(credential.secret), 'hex');
    if (stored.length !== presented.length || !timingSafeEqual(stored, presented))
      throw new UnauthorizedError();
    return {
      tenant: item.tenant as string,
      source: (item.source as string | undefined) ?? 'default',
      credential,
      ...(typeof item.awsAccount === 'string' && { awsAccount: item.awsAccount }),
    };
  };
}
