#!/usr/bin/env node
// Builds the portal's Lambda package (the CDK app runs it when it bundles the portal; `node
// bin/build-portal-lambda.js` by hand): Next's standalone server (`output: 'standalone'`, into
// web/.next-lambda so the build `npm start` serves is left alone) with the Function URL bridge
// bundled beside its server.js. The static assets, web/.next-lambda/static, go to S3 behind CloudFront.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web', '.next-lambda');

/** Folders of a built package: `functionDir` is the Lambda code (handler `web/serve-portal.handler`). */
export const PORTAL_LAMBDA = {
  functionDir: join(dist, 'standalone'),
  staticDir: join(dist, 'static'),
  handler: 'web/serve-portal.handler',
};

/** `next build` in standalone mode, then the bridge; synchronous parts report on stderr. */
export async function buildPortalLambda() {
  const next = spawnSync(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build', 'web'], {
    cwd: root,
    env: { ...process.env, SURVEYOR_PORTAL_BUILD: 'lambda', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (next.status !== 0) throw new Error(`next build (standalone) failed with exit code ${next.status}`);
  const serverDir = join(PORTAL_LAMBDA.functionDir, 'web');
  if (!existsSync(join(serverDir, 'server.js'))) throw new Error(`no standalone server.js in ${serverDir}`);
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'web/lambda/serve-portal.ts')],
    outfile: join(serverDir, 'serve-portal.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    external: ['./server.js'],
    // ESM bundles have no `require`; a few CommonJS dependencies call it for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    minify: true,
    logLevel: 'warning',
  });
  return PORTAL_LAMBDA;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildPortalLambda();
