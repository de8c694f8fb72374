/**
 * The portal against the integration run's DynamoDB Local: the production build served by
 * `next start` (as npm start serves it), tenants seeded through the real pipeline (signed envelopes,
 * the consumer, a spec and an assessment), and HTTP sessions signed in through next-auth's own flow.
 */
import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import type { ApiCall } from '#events/api-call.schema';
import { createUser, signUp } from '#shared/accounts/members';
import type { Role } from '#shared/accounts/account-keys';
import { consumeRecords } from '#shared/ingest/consume';
import { sealEnvelope } from '#shared/ingest/envelope';
import { createKeyResolver, onboardTenant } from '#shared/ingest/registry';
import { authenticatedTenant, tenantData } from '#shared/tenancy/tenant-data';
import { startLocalPortal, type LocalPortal } from '#local/stack/portal';
import { localEnv, uniqueTenant } from '../local-env.ts';
import { bucketQuarantine, quarantinedFor } from '../quarantine-bucket.ts';

const MASTER = 'portal-it-master';
export const PASSWORD = 'correct horse battery staple';

export function accountsTable() {
  const { clients, names } = localEnv();
  return { doc: clients.doc, tableName: names.accountsTable, now: () => new Date() };
}

export function dataFor(tenant: string) {
  const { clients, names } = localEnv();
  return tenantData(authenticatedTenant(tenant, 'fixture'), {
    doc: clients.doc,
    inventoryTable: names.inventoryTable,
    findingsTable: names.findingsTable,
  });
}

/** The portal process for one test file; `stop()` it in afterAll. */
export async function startPortal(): Promise<LocalPortal> {
  const { endpoints, names, dataDir } = localEnv();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    INVENTORY_TABLE: names.inventoryTable,
    FINDINGS_TABLE: names.findingsTable,
    INGEST_MASTER_SECRET: MASTER,
  });
  return startLocalPortal({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    accountsTable: names.accountsTable,
    intakeUrl: 'http://127.0.0.1:9/v1/logs',
    // The integrations page seals with a local key, as npm start does.
    alerts: { table: names.alertsTable, localKey: randomBytes(32).toString('base64') },
    log: () => undefined,
  });
}

const SPEC = (host: string) => `openapi: 3.0.3
info: { title: Shop, version: '1' }
servers: [{ url: 'https://${host}' }]
paths:
  /orders:
    get: { responses: { '200': { description: ok } } }
`;

/**
 * A tenant with traffic on `endpoints` (method and path on `host`, plus two on `other.<host>`, and
 * `extra` calls as given) and an uploaded spec that documents only GET /orders, so the rest become
 * shadow-endpoint findings.
 */
export async function seedTenant(
  tenant: string,
  host: string,
  paths: readonly string[],
  extra: readonly ApiCall[] = [],
): Promise<void> {
  const { clients, names } = localEnv();
  const credential = await onboardTenant(
    { doc: clients.doc, table: names.inventoryTable, masterSecret: MASTER, now: () => new Date() },
    tenant,
  );
  const time = new Date().toISOString();
  const calls: ApiCall[] = [
    ...paths.map((path) => ({ source: 'alb' as const, time, host, method: 'GET', path, status: 200 })),
    { source: 'alb', time, host, method: 'POST', path: '/orders', status: 201 },
    { source: 'alb', time, host: `other.${host}`, method: 'GET', path: '/health', status: 200 },
    { source: 'alb', time, host: `other.${host}`, method: 'DELETE', path: '/cache', status: 204 },
    ...extra,
  ];
  const data = sealEnvelope(
    { sentAt: time, origin: 'test', idempotencyKey: `${tenant}#0`, calls, quarantined: [] },
    credential,
  );
  await consumeRecords([{ shardId: 'shardId-000000000001', sequenceNumber: '1000000000000000001', data }], {
    doc: clients.doc,
    inventoryTable: names.inventoryTable,
    resolveKey: createKeyResolver(clients.doc, names.inventoryTable, MASTER),
    quarantine: bucketQuarantine(),
    now: () => new Date(),
  });
  // The seed must land whole: a quarantined call would silently change what the portal tests see.
  const quarantined = await quarantinedFor(tenant);
  if (quarantined.length > 0) throw new Error(`seed calls quarantined: ${JSON.stringify(quarantined)}`);
  const tenantView = dataFor(tenant);
  await tenantView.config.putSpec('shop', SPEC(host));
  await tenantView.config.reassess();
}

/** An owner (sign-up) of `tenant`, and further members with other roles. */
export async function seedMembers(tenant: string, members: Readonly<Record<string, Role>>): Promise<void> {
  const table = accountsTable();
  for (const [email, role] of Object.entries(members)) {
    if (role === 'owner') await signUp(table, { email, password: PASSWORD, tenant });
    else await createUser(table, email, PASSWORD, { tenant, role });
  }
}

/** The route tests' cast: tenant A with an owner and a viewer, tenant B with an owner. */
export function twoTenants(label: string) {
  const a = uniqueTenant(`${label}a`);
  const b = uniqueTenant(`${label}b`);
  return { a, b, ownerA: `owner@${a}.example`, viewerA: `viewer@${a}.example`, ownerB: `owner@${b}.example` };
}

/** Seeds both tenants (traffic on `api.<tenant>.example` at the paths given, and the spec) and signs their members up. */
export async function seedTwoTenants(
  cast: ReturnType<typeof twoTenants>,
  pathsOfA: readonly string[],
  pathsOfB: readonly string[],
): Promise<void> {
  const { a, b, ownerA, viewerA, ownerB } = cast;
  await Promise.all([
    seedTenant(a, `api.${a}.example`, pathsOfA),
    seedTenant(b, `api.${b}.example`, pathsOfB),
    seedMembers(a, { [ownerA]: 'owner', [viewerA]: 'viewer' }),
    seedMembers(b, { [ownerB]: 'owner' }),
  ]);
}

/** A session signed in as `email`; the test fails here if sign-in does. */
export async function signedIn(portal: LocalPortal, email: string): Promise<Session> {
  const session = new Session(portal.url);
  expect((await session.signIn(email)).status).toBe(200);
  return session;
}

/** A cookie jar over fetch, signed in through next-auth's CSRF-protected credentials flow. */
export class Session {
  private readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  }

  async signIn(email: string, password = PASSWORD): Promise<Response> {
    const { csrfToken } = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    return this.fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    });
  }

  async json(
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await this.fetch(path, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  postJson(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    return this.json(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}
