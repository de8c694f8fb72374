/**
 * Builds the forwarder code artifact the forwarder template runs (`ArtifactBucket`/`ArtifactKey`):
 * one zip holding `forward-cloudwatch-logs.mjs` and `forward-alb-logs.mjs` at its root, matching the
 * handlers `forward-cloudwatch-logs.handler` and `forward-alb-logs.handler`.
 *
 * `tsx infra/build-forwarder-artifact.ts [outDir]` -> `<outDir>/forwarder.zip` (default cdk.out/forwarder).
 * Publish it under a new key per release (e.g. `forwarder/<version>/forwarder.zip`) and never overwrite
 * a key: the template pins code by key alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CREATE_REQUIRE_BANNER, handlerEntry, PROJECT_ROOT } from '#infra/saas/bundled-function';

export const FORWARDER_HANDLERS = ['forward-cloudwatch-logs', 'forward-alb-logs'] as const;

/** Bundles the forwarders as ESM for nodejs22.x and zips them; returns the zip's path. */
export async function buildForwarderArtifact(outDir: string): Promise<string> {
  const staging = join(outDir, 'staging');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(FORWARDER_HANDLERS.map((name) => [name, handlerEntry(name)])),
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'linked',
    sourcesContent: false,
    absWorkingDir: PROJECT_ROOT,
    banner: { js: CREATE_REQUIRE_BANNER },
  });
  const zip = join(outDir, 'forwarder.zip');
  // -X: no extra file attributes, so the same code gives the same zip.
  execFileSync('zip', [
    '-q',
    '-X',
    '-j',
    zip,
    ...FORWARDER_HANDLERS.flatMap((n) => [`${n}.mjs`, `${n}.mjs.map`].map((f) => join(staging, f))),
  ]);
  return zip;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2] ?? join(PROJECT_ROOT, 'cdk.out', 'forwarder');
  console.log(await buildForwarderArtifact(outDir));
}
