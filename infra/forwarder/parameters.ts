/**
 * The forwarder template's parameters: what a customer fills in on the quick-create page.
 * Surveyor pre-fills all but the log sources from the onboarding record.
 */
import { CfnParameter, type Stack } from 'aws-cdk-lib';

export interface ForwarderParameters {
  readonly artifactBucket: CfnParameter;
  readonly artifactKey: CfnParameter;
  readonly apiGatewayLogGroupNames: CfnParameter;
  readonly albLogBucketName: CfnParameter;
  readonly intakeUrl: CfnParameter;
  readonly ingestKey: CfnParameter;
}

/** Fixed CloudFormation names, since quick-create links set `param_<Name>`. */
export const PARAMETER_NAMES = [
  'ArtifactBucket',
  'ArtifactKey',
  'ApiGatewayLogGroupNames',
  'AlbLogBucketName',
  'IntakeUrl',
  'IngestKey',
] as const;

/** Declares every parameter on the stack. */
export function declareParameters(stack: Stack, maxLogGroups: number): ForwarderParameters {
  const p = (name: (typeof PARAMETER_NAMES)[number], props: ConstructorParameters<typeof CfnParameter>[2]) =>
    new CfnParameter(stack, name, props);
  return {
    artifactBucket: p('ArtifactBucket', {
      type: 'String',
      description: 'Bucket (in this Region) where Surveyor publishes the forwarder code',
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    }),
    artifactKey: p('ArtifactKey', {
      type: 'String',
      description: 'Key of the forwarder code zip in ArtifactBucket',
      minLength: 1,
    }),
    apiGatewayLogGroupNames: p('ApiGatewayLogGroupNames', {
      type: 'CommaDelimitedList',
      default: '',
      description: `API Gateway access-log groups to forward, comma-separated (up to ${maxLogGroups}; may be empty)`,
    }),
    albLogBucketName: p('AlbLogBucketName', {
      type: 'String',
      default: '',
      description: 'Existing bucket (in this Region) receiving ALB access logs; empty for none',
      allowedPattern: '^$|^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
    }),
    intakeUrl: p('IntakeUrl', {
      type: 'String',
      description:
        "Surveyor's log intake (from Surveyor onboarding); a URL ending in /v1/aws/logs makes the forwarders sign with their role, as account-bound keys need",
      allowedPattern: '^https://[A-Za-z0-9.-]+(:\\d+)?/[\\w./-]*$',
    }),
    ingestKey: p('IngestKey', {
      type: 'String',
      noEcho: true,
      description: 'Your ingest key (from Surveyor onboarding, shown once); stored in Secrets Manager',
      allowedPattern: '^ik_[\\w-]+\\.[\\w-]{16,}$',
    }),
  };
}
