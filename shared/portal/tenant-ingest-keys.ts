/**
 * A signed-in tenant's ingest keys for the portal's onboarding page, bound to an authenticated
 * tenant like tenantData (it lives apart from shared/tenancy because shared/ingest reads tenancy's
 * configuration, and tenancy must not import ingest back).
 */
import type { RegisteredKey } from '#shared/ingest/registry';
import {
  issueKey,
  listKeys,
  revokeKey,
  rotateKey,
  type IssuedKey,
  type KeyRequest,
  type OnboardingDeps,
} from '#shared/onboarding/ingest-keys';
import { remoteIngestKeys, type InvokeOnboarding } from '#shared/onboarding/manage-ingest-keys';
import type { AuthenticatedTenant } from '#shared/tenancy/tenant-data';

export interface TenantIngestKeys {
  /** A new key, returned once, with its quick-create link and shipper snippets. */
  issue(request: Omit<KeyRequest, 'tenant'>): Promise<IssuedKey>;
  list(): Promise<RegisteredKey[]>;
  revoke(keyId: string): Promise<void>;
  /** A new key for the same source (shown once), and the old one revoked. */
  rotate(
    keyId: string,
    request?: Omit<KeyRequest, 'tenant' | 'source' | 'awsAccount'>,
  ): Promise<IssuedKey & { revokedKeyId: string }>;
}

export class OnboardingNotConfiguredError extends Error {
  constructor() {
    super('Issuing ingest keys is not configured here');
    this.name = 'OnboardingNotConfiguredError';
  }
}

/** `tenantIngestKeys(tenant, { doc, table, now, onboarding }).issue({ source: 'edge-nginx' })` */
export function tenantIngestKeys(
  tenant: AuthenticatedTenant,
  deps: Pick<OnboardingDeps, 'doc' | 'table' | 'now'> & {
    /** Master secret, intake URL and forwarder release; absent where another service issues keys. */
    onboarding: Omit<OnboardingDeps, 'doc' | 'table' | 'now'> | undefined;
    /** That other service (the onboarding function in AWS), asked when `onboarding` is absent. */
    invoke?: InvokeOnboarding | undefined;
  },
): TenantIngestKeys {
  const id = tenant.tenantId;
  if (deps.onboarding === undefined && deps.invoke !== undefined) return remoteIngestKeys(id, deps.invoke);
  const onboarding = (): OnboardingDeps => {
    if (deps.onboarding === undefined) throw new OnboardingNotConfiguredError();
    return { ...deps.onboarding, doc: deps.doc, table: deps.table, now: deps.now };
  };
  return {
    issue: (request) => issueKey(onboarding(), { ...request, tenant: id }),
    rotate: (keyId, request = {}) => rotateKey(onboarding(), { ...request, keyId, tenant: id }),
    list: () => listKeys(deps.doc, deps.table, id),
    revoke: (keyId) => revokeKey(deps, id, keyId),
  };
}
