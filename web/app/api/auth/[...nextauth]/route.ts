/** next-auth's own routes: sign-in (with its CSRF token), callbacks, session, sign-out. */
import NextAuth from 'next-auth';
import { cookies } from 'next/headers';
import { authOptions, INVITE_COOKIE } from '../../../../lib/auth-options.ts';

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Options are built per request so configuration is read at run time, not at build time.
const handler: Handler = (request, context) =>
  (NextAuth(authOptions(async () => (await cookies()).get(INVITE_COOKIE)?.value)) as Handler)(
    request,
    context,
  );

export { handler as GET, handler as POST };
