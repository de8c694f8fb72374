// Next.js builds the portal from web/ with the repository's own node_modules and package.json
// "imports" (#shared/*), so the pages call the same tenant-scoped module the CLI and API use.
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// Pages get a Content-Security-Policy with a per-request nonce from proxy.ts (lib/content-security-policy.ts);
// API answers a fixed one that allows nothing.
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Ignored by browsers over plain http (local), enforced once served over https.
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
];

// The Lambda package (bin/build-portal-lambda.js) builds a standalone server into its own folder,
// so it never disturbs the build `npm start` serves.
const lambdaBuild = process.env.SURVEYOR_PORTAL_BUILD === 'lambda';

/** @type {import('next').NextConfig} */
export default {
  ...(lambdaBuild && { output: 'standalone', distDir: '.next-lambda' }),
  poweredByHeader: false,
  reactStrictMode: true,
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  // `npm run typecheck` checks web/ with the repository's settings; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  // Spec uploads go through a server action: room for the largest spec shared/documents accepts (10 MiB).
  experimental: { serverActions: { bodySizeLimit: '11mb' } },
  headers: async () => [
    { source: '/:path*', headers: SECURITY_HEADERS },
    {
      source: '/api/:path*',
      headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }],
    },
  ],
};
