/**
 * Tenant context, resolved once per request from an authenticated credential (the session cookie,
 * or an API token) and re-checked against the stored membership every time, so a removed member
 * loses access at once. Middleware is not trusted for this: every route handler, page and server
 * action that touches tenant data goes through one of the three wrappers below.
 */
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { canWrite, type Role } from '#shared/accounts/account-keys';
import { resolveApiToken } from '#shared/accounts/api-tokens';
import { membershipOf, type Membership } from '#shared/accounts/members';
import { tenantIngestKeys, type TenantIngestKeys } from '#shared/portal/tenant-ingest-keys';
import { authenticatedTenant, tenantData, type TenantData } from '#shared/tenancy/tenant-data';
import { errorResponse, ForbiddenError, UnauthorizedError } from './api-errors.ts';
import { authOptions } from './auth-options.ts';
import { serverDeps } from './server-deps.ts';

export interface TenantContext {
  readonly data: TenantData;
  /** The tenant's ingest keys (onboarding page). */
  readonly keys: TenantIngestKeys;
  readonly membership: Membership;
  readonly role: Role;
  readonly canWrite: boolean;
}

/** The signed-in user's e-mail from the session cookie, if any. */
export async function sessionEmail(): Promise<string | undefined> {
  const session = await getServerSession(authOptions());
  return session?.user?.email ?? undefined;
}

async function resolveMembership(request: Request | undefined): Promise<Membership | undefined> {
  const { accounts } = serverDeps();
  const authorization = request?.headers.get('authorization');
  if (authorization) {
    const [scheme, token] = authorization.split(' ');
    return scheme?.toLowerCase() === 'bearer' && token ? resolveApiToken(accounts, token) : undefined;
  }
  // A cookie rides along on cross-site requests too: a change made with the session must come from
  // the portal's own origin (SameSite=Lax cookies and JSON bodies already stop forms; this is the third line).
  if (request !== undefined && request.method !== 'GET' && request.method !== 'HEAD') {
    const origin = request.headers.get('origin');
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
    if (origin !== null && safeHost(origin) !== host) throw new ForbiddenError('Cross-site request refused');
  }
  const email = await sessionEmail();
  return email === undefined ? undefined : membershipOf(accounts, email);
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function contextFor(membership: Membership): TenantContext {
  const deps = serverDeps();
  const tenant = authenticatedTenant(membership.tenant, membership.email);
  return {
    data: tenantData(tenant, deps.data),
    keys: tenantIngestKeys(tenant, {
      doc: deps.data.doc,
      table: deps.data.inventoryTable,
      now: () => new Date(),
      onboarding: deps.onboarding,
      invoke: deps.invokeOnboarding,
    }),
    membership,
    role: membership.role,
    canWrite: canWrite(membership.role),
  };
}

type Params = Record<string, string>;

/**
 * Route handlers: `export const GET = withTenant(async (request, tenant, params) => Response.json(...))`.
 * 401 without a credential, 403 when `write` and the role is viewer, errors as JSON `{ error, message }`.
 */
export function withTenant(
  handler: (request: Request, tenant: TenantContext, params: Params) => Promise<Response>,
  options: { write?: boolean } = {},
): (request: Request, context: { params: Promise<Params> }) => Promise<Response> {
  return async (request, context) => {
    try {
      const membership = await resolveMembership(request);
      if (membership === undefined) throw new UnauthorizedError();
      const tenant = contextFor(membership);
      if (options.write && !tenant.canWrite) throw new ForbiddenError();
      const response = await handler(request, tenant, (await context?.params) ?? {});
      response.headers.set('cache-control', 'no-store');
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Server components: the tenant of the signed-in user, or a redirect to /signin. */
export async function pageTenant(): Promise<TenantContext> {
  const membership = await resolveMembership(undefined);
  if (membership === undefined) redirect('/signin');
  return contextFor(membership);
}

/** Server actions: like pageTenant, but throws (an action has no page to redirect from halfway). */
export async function actionTenant(options: { write?: boolean } = {}): Promise<TenantContext> {
  const membership = await resolveMembership(undefined);
  if (membership === undefined) throw new UnauthorizedError();
  const tenant = contextFor(membership);
  if (options.write && !tenant.canWrite) throw new ForbiddenError();
  return tenant;
}
