/**
 * A Lambda from one of our handler files, bundled by the local esbuild (never Docker), as native ESM
 * for nodejs22.x on ARM, with its own log group and a role that has no AWS-managed policy.
 */
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge, NODE22_REASON } from '#infra/nag';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `functions/<name>.ts` under the project root: `handlerEntry('ingest-api-calls')`. */
export function handlerEntry(name: string): string {
  return fileURLToPath(new URL(`../../functions/${name}.ts`, import.meta.url));
}

// ESM bundles have no `require`; a few CommonJS dependencies call it for Node built-ins.
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export interface BundledFunctionProps {
  readonly handlerName: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly reservedConcurrentExecutions?: number | undefined;
  /** Data files shipped beside the bundle: `{ 'node_modules/pkg/a.mmdb': 'geo' }` (project-relative -> folder). */
  readonly dataFiles?: Readonly<Record<string, string>>;
}

export interface BundledFunction {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
}

function copyDataFiles(files: Readonly<Record<string, string>>) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      Object.entries(files).flatMap(([file, folder]) => [
        `mkdir -p "${outputDir}/${folder}"`,
        `cp "${inputDir}/${file}" "${outputDir}/${folder}/"`,
      ]),
  };
}

/** Builds the function, its role and its log group (retention 30 days). */
export function bundledFunction(scope: Construct, id: string, props: BundledFunctionProps): BundledFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
  // Our own role instead of AWSLambdaBasicExecutionRole, whose log permissions cover every group.
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Execution role of ${props.handlerName}`,
  });
  const fn = new NodejsFunction(scope, id, {
    entry: handlerEntry(props.handlerName),
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    description: props.description,
    memorySize: props.memorySize,
    timeout: props.timeout,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    role,
    logGroup,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    bundling: {
      forceDockerBundling: false,
      format: OutputFormat.ESM,
      target: 'node22',
      mainFields: ['module', 'main'],
      banner: CREATE_REQUIRE_BANNER,
      // Ship the SDK version the tests ran against rather than whatever the runtime carries.
      bundleAwsSDK: true,
      minify: true,
      sourceMap: true,
      sourcesContent: false,
      ...(props.dataFiles !== undefined && { commandHooks: copyDataFiles(props.dataFiles) }),
    },
  });
  logGroup.grantWrite(role);
  acknowledge(fn, 'AwsSolutions-L1', NODE22_REASON);
  return { fn, role, logGroup };
}
