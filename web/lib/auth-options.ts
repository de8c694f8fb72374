/**
 * next-auth configuration. The session is a signed, encrypted JWT cookie holding only the user's
 * e-mail: the tenant and role are looked up at every request (tenant-context.ts), never read from
 * the session, so nothing a client can change decides which tenant it sees.
 */
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { passwordSignIn } from '#shared/accounts/authenticate';
import { clientAddress } from './client-address.ts';
import { portalEnv } from './portal-env.ts';
import { serverDeps } from './server-deps.ts';

const EIGHT_HOURS = 8 * 60 * 60;

export function authOptions(): NextAuthOptions {
  const env = portalEnv();
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: EIGHT_HOURS },
    pages: { signIn: '/signin', error: '/signin' },
    // Secure (and __Secure- prefixed) cookies whenever the portal is served over https.
    useSecureCookies: (process.env.NEXTAUTH_URL ?? '').startsWith('https://'),
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
              checks: ['pkce', 'state'],
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
                  serverDeps().accounts,
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
      jwt: ({ token, user }) => (user?.email ? { ...token, email: user.email.toLowerCase() } : token),
      session: ({ session, token }) => ({ ...session, user: { email: token.email ?? null } }),
    },
  };
}
