/** next-auth's own routes: sign-in (with its CSRF token), callbacks, session, sign-out. */
import NextAuth from 'next-auth';
import { authOptions } from '../../../../lib/auth-options.ts';

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// Options are built per request so configuration is read at run time, not at build time.
const handler: Handler = (request, context) => (NextAuth(authOptions()) as Handler)(request, context);

export { handler as GET, handler as POST };
