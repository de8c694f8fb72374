/**
 * The forwarder template a customer deploys in their own account with a quick-create link.
 *
 * It must deploy without `cdk bootstrap` in that account: no assets (the code comes from a bucket
 * Surveyor publishes, named by parameters), no bootstrap-version rule, no CDK metadata.
 * Forwarders read API Gateway access logs (CloudWatch Logs subscriptions) and ALB access logs
 * (S3 notifications) and post them to Surveyor's HTTPS intake with the tenant's ingest key: the
 * SaaS account needs no change per customer (no role to trust, no external id, no redeploy). Given
 * the intake's IAM route (`.../v1/aws/logs`, what onboarding's link passes) they also sign each post
 * with their own role, so API Gateway proves this account and an account-bound key works.
 */
import {
  Aws,
  BootstraplessSynthesizer,
  CfnOutput,
  Duration,
  SecretValue,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AlbLogNotification } from './forwarder/alb-notification.ts';
import { LogGroupSlots, MAX_LOG_GROUPS } from './forwarder/log-group-slots.ts';
import { declareParameters, type ForwarderParameters } from './forwarder/parameters.ts';
import { SIGNED_INTAKE_PATH } from '#shared/ingest/forward/intake-signing';
import { HANDLER_ENV, secretArnVariable } from '#shared/resources/handler-env';
import { acknowledge, NODE22_REASON } from './nag.ts';

/** Where the customer should look for the API Gateway access-log format to configure. */
export const LOG_FORMAT_DOC =
  'docs/LOG-FORMATS.md (API Gateway access-log format) in the Surveyor documentation';

/** The intake's IAM route in any API: its id and account are Surveyor's, not known to this template. */
const signedRouteArn = (partition: string) =>
  `arn:${partition}:execute-api:*:*:*/*/POST${SIGNED_INTAKE_PATH}`;

export class ForwarderStack extends Stack {
  readonly parameters: ForwarderParameters;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      ...props,
      synthesizer: new BootstraplessSynthesizer(),
      analyticsReporting: false,
      description: 'Surveyor forwarders: API Gateway and ALB access logs to Surveyor',
    });
    const params = declareParameters(this, MAX_LOG_GROUPS);
    this.parameters = params;

    // The tenant's ingest key, which the forwarders send to the intake as a bearer token. The
    // template holds only a reference to the parameter; the NoEcho value never appears in it.
    const ingestSecret = new Secret(this, 'IngestKeySecret', {
      description:
        'Surveyor ingest key; forwarders send it to the Surveyor intake (Bearer, with SigV4 on the IAM route)',
      secretStringValue: SecretValue.unsafePlainText(params.ingestKey.valueAsString),
    });
    acknowledge(
      ingestSecret,
      'AwsSolutions-SMG4',
      'The value is issued by Surveyor; rotating means issuing a new ingest key and updating this stack, which Lambda rotation cannot do',
    );

    const artifacts = Bucket.fromBucketName(this, 'Artifacts', params.artifactBucket.valueAsString);
    const code = Code.fromBucket(artifacts, params.artifactKey.valueAsString);
    acknowledge(
      artifacts,
      'Annotation::@aws-cdk/aws-lambda:codeFromBucketObjectVersionNotSpecified',
      'Surveyor publishes each release under a new, never-overwritten key, so the key alone pins the code',
    );
    const environment = {
      [HANDLER_ENV.intakeUrl]: params.intakeUrl.valueAsString,
      [secretArnVariable(HANDLER_ENV.ingestKey)]: ingestSecret.secretArn,
      NODE_OPTIONS: '--enable-source-maps',
    };
    const forwarder = (name: string, description: string, timeout: Duration) => {
      const logGroup = new LogGroup(this, `${name}Logs`, { retention: RetentionDays.ONE_MONTH });
      const role = new Role(this, `${name}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
      logGroup.grantWrite(role);
      ingestSecret.grantRead(role);
      role.addToPolicy(
        new PolicyStatement({ actions: ['execute-api:Invoke'], resources: [signedRouteArn(Aws.PARTITION)] }),
      );
      acknowledge(
        role,
        `AwsSolutions-IAM5[Resource::${signedRouteArn('<AWS::Partition>')}]`,
        "The intake's API lives in Surveyor's account and is known here only as the IntakeUrl parameter (possibly a custom domain); the grant is limited to POSTing its IAM route, and the function posts only to IntakeUrl",
      );
      const fn = new LambdaFunction(this, name, {
        code,
        handler: `${kebab(name)}.handler`,
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: 1024,
        timeout,
        description,
        role,
        logGroup,
        environment,
      });
      acknowledge(fn, 'AwsSolutions-L1', NODE22_REASON);
      return { fn, role };
    };
    const cloudWatch = forwarder(
      'ForwardCloudwatchLogs',
      'API Gateway access logs (CloudWatch Logs subscription) -> Surveyor',
      Duration.seconds(60),
    );
    // ALB log files are up to 5 minutes of traffic, gzipped: allow time to stream a large one.
    const alb = forwarder('ForwardAlbLogs', 'ALB access logs (S3) -> Surveyor', Duration.minutes(5));

    new LogGroupSlots(this, 'ApiGatewayLogGroups', params.apiGatewayLogGroupNames, cloudWatch.fn);
    new AlbLogNotification(this, 'AlbLogs', params.albLogBucketName, alb.fn, alb.role);

    new CfnOutput(this, 'ApiGatewayAccessLogFormat', {
      description: 'Access-log format to configure on each API Gateway stage',
      value: `See ${LOG_FORMAT_DOC}`,
    });
  }
}

/** 'ForwardAlbLogs' -> 'forward-alb-logs', the handler file name in the artifact. */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
