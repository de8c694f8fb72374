/**
 * Local tenants: the master ingest secret and each tenant's forwarder credential, kept under the data
 * folder so restarts and the CLI agree. In AWS the master secret lives in Secrets Manager and each
 * customer's forwarder holds its own credential; locally one machine plays every customer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { formatCredential, parseCredential, type IngestCredential } from '#shared/ingest/credentials';
import { onboardTenant } from '#shared/ingest/registry';
import { tenantScope } from '#shared/tables/keys';
import { HANDLER_ENV } from '#shared/resources/handler-env';

/** INGEST_MASTER_SECRET, or a secret generated once and kept in the data folder. */
export function localMasterSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[HANDLER_ENV.masterSecret];
  if (configured) return configured;
  const file = join(dataDir, 'master-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** ALERTS_LOCAL_KEY, or a key generated once and kept in the data folder (KMS seals secrets in AWS). */
export function localAlertsKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.ALERTS_LOCAL_KEY) return env.ALERTS_LOCAL_KEY;
  const file = join(dataDir, 'alerts-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** The tenant's forwarder credential, onboarding the tenant (registry entry) the first time. */
export async function localCredential(
  dataDir: string,
  doc: DynamoDBDocumentClient,
  inventoryTable: string,
  tenant: string,
): Promise<IngestCredential> {
  tenantScope(tenant); // validates the id before it names a file
  const file = join(dataDir, 'credentials', tenant);
  if (existsSync(file)) return parseCredential(readFileSync(file, 'utf8').trim());
  const credential = await onboardTenant(
    { doc, table: inventoryTable, masterSecret: localMasterSecret(dataDir), now: () => new Date() },
    tenant,
  );
  mkdirSync(join(dataDir, 'credentials'), { recursive: true });
  writeFileSync(file, formatCredential(credential), { mode: 0o600 });
  return credential;
}
