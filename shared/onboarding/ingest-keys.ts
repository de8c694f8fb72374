/**
 * Onboarding: issuing, listing and revoking a tenant's ingest keys. Issuing is one call that also
 * returns what the tenant needs next: the forwarder template's quick-create link and ready-made
 * shipper configurations. The CLI (`surveyor keys`), the onboarding Lambda and the portal call it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { formatIngestKey, issueIngestKey } from '#shared/ingest/credentials';
import { masterKeyring } from '#shared/ingest/master-keyring';
import { signedIntakeUrl } from '#shared/ingest/forward/intake-signing';
import {
  DEFAULT_SOURCE,
  markRotated,
  registerIngestKey,
  revokeIngestKey,
  type RegisteredKey,
} from '#shared/ingest/registry';
import { inventoryKeys, tenantScope } from '#shared/tables/keys';
import { queryPrefix } from '#shared/tables/query-prefix';
import { quickCreateUrl } from './quick-create-link.ts';
import { shipperSnippets, type ShipperSnippets } from './shipper-snippets.ts';

export interface OnboardingDeps {
  readonly doc: DynamoDBDocumentClient;
  /** The inventory table, which holds the key registry. */
  readonly table: string;
  readonly masterSecret: string;
  readonly now: () => Date;
  /** Public URL of the intake, e.g. `https://ingest.surveyor.example/v1/logs`. */
  readonly intakeUrl: string;
  /** Where the forwarder template is published; without it no quick-create link is made. */
  readonly forwarder?: ForwarderRelease | undefined;
}

export interface ForwarderRelease {
  readonly templateUrl: string;
  readonly region: string;
  readonly artifactBucket: string;
  readonly artifactKey: string;
}

export interface KeyRequest {
  readonly tenant: string;
  readonly source?: string | undefined;
  /** For the snippets: the format and default host of the lines, and the file the shipper tails. */
  readonly format?: string | undefined;
  readonly host?: string | undefined;
  readonly path?: string | undefined;
  /** Bind the key to this AWS account: the intake accepts it only from callers signed as that account. */
  readonly awsAccount?: string | undefined;
}

export interface IssuedKey extends RegisteredKey {
  /** The key itself: shown once, never stored. */
  readonly key: string;
  readonly intakeUrl: string;
  readonly quickCreateUrl: string | undefined;
  readonly snippets: ShipperSnippets;
}

/** `issueKey(deps, { tenant: 'acme', source: 'edge-nginx' })`: a new key and how to use it. */
export async function issueKey(deps: OnboardingDeps, request: KeyRequest): Promise<IssuedKey> {
  tenantScope(request.tenant);
  const credential = issueIngestKey(deps.masterSecret);
  const entry = await registerIngestKey(
    deps.doc,
    deps.table,
    credential,
    request.tenant,
    deps.now(),
    request.source ?? DEFAULT_SOURCE,
    { awsAccount: request.awsAccount },
  );
  const key = formatIngestKey(credential);
  const release = deps.forwarder;
  return {
    ...entry,
    key,
    intakeUrl: deps.intakeUrl,
    // The key is secret: the customer pastes it on the console page, it never travels in the link.
    quickCreateUrl:
      release === undefined
        ? undefined
        : quickCreateUrl({
            templateUrl: release.templateUrl,
            region: release.region,
            stackName: `surveyor-forwarder-${entry.source}`.slice(0, 128),
            parameters: {
              // The IAM route: the forwarders sign with their role, so the key may be account-bound.
              IntakeUrl: signedIntakeUrl(deps.intakeUrl),
              ArtifactBucket: release.artifactBucket,
              ArtifactKey: release.artifactKey,
            },
          }),
    snippets: shipperSnippets({
      intakeUrl: deps.intakeUrl,
      key,
      format: request.format ?? 'nginx',
      host: request.host ?? 'api.example.com',
      path: request.path ?? '/var/log/nginx/access.log',
    }),
  };
}

/** The tenant's keys, oldest first, revoked ones included (no secret material exists to show). */
export async function listKeys(
  doc: DynamoDBDocumentClient,
  table: string,
  tenant: string,
): Promise<RegisteredKey[]> {
  const items = await queryPrefix(doc, table, tenant, inventoryKeys.ingestKeyPrefix());
  return items
    .map((item) => ({
      keyId: item.keyId as string,
      tenant: item.tenant as string,
      source: item.source as string,
      version: item.version as number,
      masterVersion: (item.masterVersion as number | undefined) ?? 1,
      ...(typeof item.awsAccount === 'string' && { awsAccount: item.awsAccount }),
      createdAt: item.createdAt as string,
      ...(item.revokedAt !== undefined && { revokedAt: item.revokedAt as string }),
      ...(typeof item.rotatedTo === 'string' && { rotatedTo: item.rotatedTo }),
    }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.keyId.localeCompare(b.keyId));
}

export interface RotatedKey {
  /** The key it replaces, which keeps working until revoked (deploy the new one first). */
  readonly replaces: string;
  readonly issued: IssuedKey;
}

/**
 * Master rotation for one tenant: a new key (same source and binding, the current master version)
 * for each of its active keys issued under an older version and not yet replaced (marked
 * `rotatedTo`, so running it again issues nothing). The old keys verify until revoked;
 * once no active key of any tenant uses a version, it can leave the keyring.
 */
export async function rotateKeys(deps: OnboardingDeps, tenant: string): Promise<RotatedKey[]> {
  const current = masterKeyring(deps.masterSecret).current;
  const rotated: RotatedKey[] = [];
  for (const old of await listKeys(deps.doc, deps.table, tenant)) {
    if (old.revokedAt !== undefined || old.rotatedTo !== undefined || old.masterVersion >= current) continue;
    const issued = await issueKey(deps, { tenant, source: old.source, awsAccount: old.awsAccount });
    await markRotated(deps.doc, deps.table, tenant, old.keyId, issued.keyId);
    rotated.push({ replaces: old.keyId, issued });
  }
  return rotated;
}

/** Revokes one of the tenant's keys: the intake refuses it at once, the consumer within a minute (its cache). */
export async function revokeKey(
  deps: Pick<OnboardingDeps, 'doc' | 'table' | 'now'>,
  tenant: string,
  keyId: string,
): Promise<void> {
  if (!(await revokeIngestKey(deps.doc, deps.table, tenant, keyId, deps.now())))
    throw new UnknownKeyError(tenant, keyId);
}

/**
 * Rotation: a new key for the same source (the next version, shown once), then the old key revoked,
 * so a leaked key stops at once; the forwarder needs the new key before its next post.
 * Throws UnknownKeyError for a key the tenant does not have or already revoked.
 */
export async function rotateKey(
  deps: OnboardingDeps,
  request: Omit<KeyRequest, 'source' | 'awsAccount'> & { readonly keyId: string },
): Promise<IssuedKey & { readonly revokedKeyId: string }> {
  const { keyId, ...rest } = request;
  const old = (await listKeys(deps.doc, deps.table, request.tenant)).find((k) => k.keyId === keyId);
  if (old === undefined || old.revokedAt !== undefined) throw new UnknownKeyError(request.tenant, keyId);
  // The new key keeps the old one's source and account binding.
  const issued = await issueKey(deps, { ...rest, source: old.source, awsAccount: old.awsAccount });
  await revokeKey(deps, request.tenant, keyId);
  return { ...issued, revokedKeyId: keyId };
}

export class UnknownKeyError extends Error {
  constructor(tenant: string, keyId: string) {
    super(`Tenant ${tenant} has no ingest key ${JSON.stringify(keyId)}`);
    this.name = 'UnknownKeyError';
  }
}
