/**
 * The onboarding settings handlers read at cold start: the public intake URL and, when a forwarder
 * release is published, where (for the quick-create link). One reader for the function and the CLI.
 */
import { requireEnv } from '#shared/aws/clients';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import type { ForwarderRelease } from './ingest-keys.ts';

const ONBOARDING_ENV = {
  intakeUrl: HANDLER_ENV.intakeUrl,
  templateUrl: HANDLER_ENV.forwarderTemplateUrl,
  artifactBucket: HANDLER_ENV.forwarderArtifactBucket,
  artifactKey: HANDLER_ENV.forwarderArtifactKey,
} as const;

export function onboardingEnvironment(env: NodeJS.ProcessEnv): {
  intakeUrl: string;
  forwarder: ForwarderRelease | undefined;
} {
  const templateUrl = env[ONBOARDING_ENV.templateUrl];
  return {
    intakeUrl: requireEnv(env, ONBOARDING_ENV.intakeUrl),
    forwarder:
      templateUrl === undefined || templateUrl === ''
        ? undefined
        : {
            templateUrl,
            region: requireEnv(env, 'AWS_REGION'),
            artifactBucket: requireEnv(env, ONBOARDING_ENV.artifactBucket),
            artifactKey: requireEnv(env, ONBOARDING_ENV.artifactKey),
          },
  };
}
