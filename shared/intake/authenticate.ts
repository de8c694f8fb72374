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
const MAX_CACHED = 10_000;

export interface IntakeCaller {
  readonly tenant: string;
  readonly source: string;
  /** The key's credential: the intake signs the envelopes it ships with it. */
  readonly credential: IngestCredential;
}

export type Authenticate = (authorization: string | undefined) => Promise<IntakeCaller>;

interface Entry {
  readonly tenant: string;
  readonly source: string;
  readonly hash: Buffer;
}

/**
 * `authenticate('Bearer ik_x.secret')` -> caller, or throws UnauthorizedError. Registry entries are
 * cached per container for `ttlMs`, so a revoked key is refused within that time.
 */
export function createAuthenticator(
  doc: DynamoDBDocumentClient,
  table: string,
  ttlMs = 30_000,
  clock: () => number = Date.now,
): Authenticate {
  // State that outlives a call: registry entries by key id, for ttlMs (undefined: no such key).
  const cache = new Map<string, { at: number; entry: Entry | undefined }>();
  const lookup = async (keyId: string): Promise<Entry | undefined> => {
    const hit = cache.get(keyId);
    if (hit !== undefined && clock() - hit.at < ttlMs) return hit.entry;
    const item = await readRegistryEntry(doc, table, keyId);
    const entry =
      item === undefined || item.revokedAt !== undefined || typeof item.secretHash !== 'string'
        ? undefined
        : {
            tenant: item.tenant as string,
            source: (item.source as string | undefined) ?? 'default',
            hash: Buffer.from(item.secretHash, 'hex'),
          };
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(keyId, { at: clock(), entry });
    return entry;
  };
  return async (authorization) => {
    const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
    const key = match?.[1];
    if (key === undefined || !KEY.test(key)) throw new UnauthorizedError();
    const credential = parseCredential(key);
    const entry = await lookup(credential.keyId);
    const presented = Buffer.from(secretHash(credential.secret), 'hex');
    if (
      entry === undefined ||
      entry.hash.length !== presented.length ||
      !timingSafeEqual(entry.hash, presented)
    )
      throw new UnauthorizedError();
    return { tenant: entry.tenant, source: entry.source, credential };
  };
}
