/**
 * The portal's deployable package as CDK assets: the Lambda code (Next's standalone server with the
 * Function URL bridge) and the static files for S3. Both come from one `bin/build-portal-lambda.js`
 * run, made only when CDK bundles the stack: tests that skip bundling (test/unit/infra/template-app.ts)
 * need no Next build, a deploy always ships a fresh one.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { PROJECT_ROOT } from './bundled-function.ts';

/** Written by bin/build-portal-lambda.js; kept in step with its PORTAL_LAMBDA. */
export const PORTAL_PACKAGE = {
  functionDir: join(PROJECT_ROOT, 'web/.next-lambda/standalone'),
  staticDir: join(PROJECT_ROOT, 'web/.next-lambda/static'),
  handler: 'web/serve-portal.handler',
};

// The asset's nominal source: small and always present. What ships is the bundling output.
const SOURCE = join(PROJECT_ROOT, 'web/lambda');

let buildDone = false;

/** Builds once per synthesis, however many assets ask (CDK's local bundling hooks are synchronous). */
function buildOnce(): void {
  if (buildDone) return;
  const { status } = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/build-portal-lambda.js')], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (status !== 0) throw new Error(`bin/build-portal-lambda.js failed with exit code ${status}`);
  buildDone = true;
}

function bundledFrom(copy: (outputDir: string) => void) {
  return {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      local: {
        tryBundle(outputDir: string) {
          buildOnce();
          copy(outputDir);
          return true;
        },
      },
    },
  };
}

/** The function's code: the standalone server, node_modules it traced and the bridge. */
export function portalFunctionCode(): Code {
  return Code.fromAsset(
    SOURCE,
    bundledFrom((out) => cpSync(PORTAL_PACKAGE.functionDir, out, { recursive: true, dereference: true })),
  );
}

/** The hashed static files, laid out under `_next/static/` as CloudFront asks for them. */
export function portalStaticSource(): ISource {
  return Source.asset(
    SOURCE,
    bundledFrom((out) => {
      mkdirSync(join(out, '_next'), { recursive: true });
      cpSync(PORTAL_PACKAGE.staticDir, join(out, '_next/static'), { recursive: true });
    }),
  );
}
