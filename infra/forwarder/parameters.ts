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
  readonly ingestStreamArn: CfnParameter;
  readonly ingestRoleArn: CfnParameter;
  readonly externalId: CfnParameter;
  readonly ingestKeyId: CfnParameter;
  readonly ingestSecret: CfnParameter;
}

/** Fixed CloudFormation names, since quick-create links set `param_<Name>`. */
export const PARAMETER_NAMES = [
  'ArtifactBucket',
  'ArtifactKey',
  'ApiGatewayLogGroupNames',
  'AlbLogBucketName',
  'IngestStreamArn',
  'IngestRoleArn',
  'ExternalId',
  'IngestKeyId',
  'IngestSecret',
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
    ingestStreamArn: p('IngestStreamArn', {
      type: 'String',
      description: "Surveyor's ingest stream",
      allowedPattern: '^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[\\w.-]+$',
    }),
    ingestRoleArn: p('IngestRoleArn', {
      type: 'String',
      description: 'Role in the Surveyor account that this forwarder assumes to write to the stream',
      allowedPattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$',
    }),
    externalId: p('ExternalId', {
      type: 'String',
      description: 'Your external id for IngestRole (from Surveyor onboarding)',
      minLength: 2,
      maxLength: 1224,
    }),
    ingestKeyId: p('IngestKeyId', {
      type: 'String',
      description: 'Your ingest key id (from Surveyor onboarding)',
      allowedPattern: '^ik_[\\w-]+$',
    }),
    ingestSecret: p('IngestSecret', {
      type: 'String',
      noEcho: true,
      description: 'Your ingest key secret (from Surveyor onboarding); stored in Secrets Manager',
      minLength: 16,
    }),
  };
}
