/**
 * next-auth configuration. The session is a signed, encrypted JWT cookie holding only the user's
 * e-mail: the tenant and role are looked up at every request (tenant-context.ts), never read from
 * the session, so nothing a client can change decides which tenant it sees.
 *
 * Local mode signs in with e-mail and password; AWS mode with the OIDC provider of OIDC_ISSUER,
 * whose first sign-in of a verified e-mail is the sign-up (shared/accounts/oidc-sign-in.ts).
 */
import type { NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import type { AccountsTable } from '#shared/accounts/accounts-table';
import { passwordSignIn } from '#shared/accounts/authenticate';
import { oidcSignIn, type OidcClaims } from '#shared/accounts/oidc-sign-in';
import { PORTAL_ENV } from '#shared/resources/handler-env';
import { clientAddress } from './client-address.ts';
import { portalEnv, type PortalEnv } from './portal-env.ts';
import { serverDeps } from './server-deps.ts';

const EIGHT_HOURS = 8 * 60 * 60;

// next-auth 4 ships CommonJS: Next's bundler unwraps its default export, Node's ESM loader (tests) does not.
const CredentialsProvider =
  (Credentials as unknown as { default?: typeof Credentials }).default ?? Credentials;

/** The cookie an invitation link leaves for the OIDC round trip (set by the sign-up page). */
export const INVITE_COOKIE = 'surveyor-invite';

export interface AuthDeps {
  readonly accounts: AccountsTable;
  /** The invitation the person arrived with, if any (the INVITE_COOKIE of this request). */
  readonly inviteToken: () => Promise<string | undefined>;
}

/** The options of this process; next-auth's route passes how to read this request's invitation. */
export function authOptions(inviteToken: AuthDeps['inviteToken'] = async () => undefined): NextAuthOptions {
  return authOptionsFor(portalEnv(), { accounts: serverDeps().accounts, inviteToken });
}

/** Cookies are Secure (and `__Secure-` prefixed) whenever the portal is served over https. */
function servedOverHttps(env: NodeJS.ProcessEnv): boolean {
  // AUTH_TRUST_HOST is set only behind CloudFront, which redirects every viewer to https.
  return (env[PORTAL_ENV.url] ?? '').startsWith('https://') || env[PORTAL_ENV.trustHost] === 'true';
}

export function authOptionsFor(
  env: PortalEnv,
  deps: AuthDeps,
  processEnv: NodeJS.ProcessEnv = process.env,
): NextAuthOptions {
  return {
    secret: processEnv[PORTAL_ENV.sessionSecret],
    session: { strategy: 'jwt', maxAge: EIGHT_HOURS },
    pages: { signIn: '/signin', error: '/signin' },
    useSecureCookies: servedOverHttps(processEnv),
    providers:
      env.auth.mode === 'oidc'
        ? [
            {
              id: 'oidc',
              name: 'Single sign-on',
              type: 'oauth',
              wellKnown: `${env.auth.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
              clientId: env.auth.clientId,
              clientSecret: env.auth.clientSecret,
              idToken: true,
              checks: ['pkce', 'state', 'nonce'],
              authorization: { params: { scope: 'openid email' } },
              profile: (profile: { sub: string; email: string }) => ({
                id: profile.sub,
                email: profile.email.toLowerCase(),
              }),
            },
          ]
        : [
            CredentialsProvider({
              name: 'Email',
              credentials: {
                email: { label: 'Email', type: 'email' },
                password: { label: 'Password', type: 'password' },
              },
              async authorize(credentials, request) {
                const result = await passwordSignIn(
                  deps.accounts,
                  credentials?.email,
                  credentials?.password,
                  clientAddress(request?.headers?.['x-forwarded-for'] as string | string[] | undefined),
                );
                if (!result.ok)
                  throw new Error(result.reason === 'throttled' ? 'TooManyAttempts' : 'CredentialsSignin');
                return { id: result.email, email: result.email };
              },
            }),
          ],
    callbacks: {
      // Runs after the provider has authenticated the person; false refuses the sign-in.
      async signIn({ account, profile }) {
        if (account?.provider !== 'oidc') return true;
        const result = await oidcSignIn(
          deps.accounts,
          (profile ?? {}) as OidcClaims,
          await deps.inviteToken(),
        );
        return result.ok;
      },
      jwt: ({ token, user }) => (user?.email ? { ...token, email: user.email.toLowerCase() } : token),
      session: ({ session, token }) => ({ ...session, user: { email: token.email ?? null } }),
    },
  };
}
