/**
 * What the onboarding function answers (functions/manage-ingest-keys.ts), and the portal's way to ask
 * it: in AWS the portal holds neither the master secret nor write access to the key registry, so it
 * sends these requests to the function; locally it runs the same functions in process.
 */
import type { IngestKeyRequest } from '#events/ingest-key-request.schema';
import type { RegisteredKey } from '#shared/ingest/registry';
import { UnknownKeyError, type IssuedKey, type RotatedKey } from './ingest-keys.ts';

export type ManageKeysResult =
  | {
      readonly ok: true;
      /** A new key (create, rotate-key), with the key it replaced for rotate-key. */
      readonly issued?: IssuedKey & { readonly revokedKeyId?: string };
      readonly keys?: RegisteredKey[];
      readonly rotated?: RotatedKey[];
    }
  | { readonly ok: false; readonly code: 'invalid-request' | 'unknown-key'; readonly error: string };

/** Sends one request to the onboarding function and returns its answer (Lambda Invoke in AWS). */
export type InvokeOnboarding = (request: IngestKeyRequest) => Promise<ManageKeysResult>;

export class OnboardingRequestError extends Error {
  constructor(message: string) {
    super(`The onboarding function refused the request: ${message}`);
    this.name = 'OnboardingRequestError';
  }
}

/** One tenant's keys through the onboarding function, with the errors the in-process calls throw. */
export function remoteIngestKeys(tenant: string, invoke: InvokeOnboarding) {
  const ask = async (request: IngestKeyRequest, keyId?: string) => {
    const result = await invoke(request);
    if (result.ok) return result;
    if (result.code === 'unknown-key' && keyId !== undefined) throw new UnknownKeyError(tenant, keyId);
    throw new OnboardingRequestError(result.error);
  };
  const issued = (result: ManageKeysResult) => {
    if (!result.ok || result.issued === undefined)
      throw new OnboardingRequestError('the answer carries no key');
    return result.issued;
  };
  return {
    issue: async (request: Omit<Extract<IngestKeyRequest, { action: 'create' }>, 'action' | 'tenant'>) =>
      issued(await ask({ ...request, action: 'create', tenant })),
    list: async (): Promise<RegisteredKey[]> => {
      const result = await ask({ action: 'list', tenant });
      return (result.ok && result.keys) || [];
    },
    revoke: async (keyId: string): Promise<void> => {
      await ask({ action: 'revoke', tenant, keyId }, keyId);
    },
    rotate: async (keyId: string) => {
      const rotated = issued(await ask({ action: 'rotate-key', tenant, keyId }, keyId));
      return { ...rotated, revokedKeyId: rotated.revokedKeyId ?? keyId };
    },
  };
}
