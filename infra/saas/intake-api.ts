/**
 * The HTTPS log intake: a REST API (`POST /v1/logs`, Lambda proxy to functions/intake-logs.ts) in
 * front of the ingest stream. REST rather than HTTP API because only REST APIs take an AWS WAF web
 * ACL (pass `surveyor:intakeWebAclArn` to attach one); every body arrives base64 (binary `*\/*`) so
 * gzip passes untouched. Stage throttling caps the whole intake; the function's per-tenant quota
 * (shared/intake/rate-limit.ts) keeps one tenant from using it all.
 *
 * The function can read only the key registry (`REGISTRY#`) and write only rate windows (`RATE#*`):
 * IAM `dynamodb:LeadingKeys` conditions, so it can never touch an inventory. It holds no master secret.
 */
import { Duration } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Stream } from 'aws-cdk-lib/aws-kinesis';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { HANDLER_ENV } from '#shared/resources/handler-env';
import { registryKeys } from '#shared/tables/keys';
import { INTAKE_PATH } from '#shared/ingest/forward/intake-signing';
import { acknowledge } from '../nag.ts';
import { bundledFunction } from './bundled-function.ts';

/** Requests per second (and burst) the whole intake accepts before API Gateway answers 429. */
export const INTAKE_THROTTLE = { rateLimit: 1000, burstLimit: 2000 } as const;
export const INTAKE_STAGE = 'prod';

export interface IntakeApiProps {
  readonly inventoryTable: Table;
  readonly stream: Stream;
  readonly streamKey: IKey;
  readonly webAclArn: string | undefined;
}

export class IntakeApi extends Construct {
  readonly api: RestApi;
  readonly fn: NodejsFunction;
  /** `https://<api>.execute-api.<region>.amazonaws.com/prod/v1/logs` */
  readonly url: string;

  constructor(scope: Construct, id: string, props: IntakeApiProps) {
    super(scope, id);
    const { fn, role } = bundledFunction(this, 'Function', {
      handlerName: 'intake-logs',
      description: 'POST /v1/logs: authenticated log lines -> signed envelopes on the ingest stream',
      memorySize: 1024,
      // API Gateway's integration timeout is 29 s.
      timeout: Duration.seconds(29),
      environment: {
        [HANDLER_ENV.inventoryTable]: props.inventoryTable.tableName,
        [HANDLER_ENV.ingestStreamName]: props.stream.streamName,
        POWERTOOLS_SERVICE_NAME: 'intake-logs',
        POWERTOOLS_METRICS_NAMESPACE: 'Surveyor',
      },
    });
    this.fn = fn;
    const table = props.inventoryTable.tableArn;
    role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [table],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [registryKeys.partition] } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [table],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['RATE#*'] } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['kinesis:PutRecords', 'kinesis:PutRecord'],
        resources: [props.stream.streamArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [props.streamKey.keyArn] }),
    );

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS });
    this.api = new RestApi(this, 'Api', {
      description: 'Surveyor log intake: POST /v1/logs with Authorization: Bearer <ingest key>',
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      binaryMediaTypes: ['*/*'],
      cloudWatchRole: false,
      // Any AWS principal may call: IAM proves who (the account), the ingest key what it may do.
      // Cross-account IAM callers need this allow; routes without IAM auth are unaffected.
      policy: new PolicyDocument({
        statements: [
          new PolicyStatement({
            principals: [new AnyPrincipal()],
            actions: ['execute-api:Invoke'],
            resources: ['execute-api:/*'],
          }),
        ],
      }),
      deployOptions: {
        stageName: INTAKE_STAGE,
        throttlingRateLimit: INTAKE_THROTTLE.rateLimit,
        throttlingBurstLimit: INTAKE_THROTTLE.burstLimit,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        // The caller, the route, the status and sizes; never the Authorization header.
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.OFF,
      },
    });
    const v1 = this.api.root.addResource('v1');
    const integration = new LambdaIntegration(fn, { proxy: true });
    v1.addResource('logs').addMethod('POST', integration);
    // For keys bound to an AWS account: API Gateway verifies the SigV4 signature and hands the
    // function the caller's account (requestContext.identity.accountId), which the binding needs.
    v1.addResource('aws')
      .addResource('logs')
      .addMethod('POST', integration, { authorizationType: AuthorizationType.IAM });
    this.url = this.api.urlForPath(INTAKE_PATH);
    if (props.webAclArn !== undefined) {
      new CfnWebACLAssociation(this, 'WebAcl', {
        resourceArn: this.api.deploymentStage.stageArn,
        webAclArn: props.webAclArn,
      });
    }
    this.acknowledgeNag(props.webAclArn !== undefined);
  }

  private acknowledgeNag(hasWebAcl: boolean): void {
    const method = this.api.root.getResource('v1')!.getResource('logs')!.node.findChild('POST');
    const signed = this.api.root
      .getResource('v1')!
      .getResource('aws')!
      .getResource('logs')!
      .node.findChild('POST');
    acknowledge(
      signed,
      'AwsSolutions-COG4',
      'Callers are AWS principals (IAM authorization, SigV4) from customer accounts, not Cognito users',
    );
    acknowledge(
      method,
      'AwsSolutions-APIG4',
      'Shippers authenticate with an ingest key (Authorization: Bearer), which the function checks against the key registry before reading anything; it needs the key itself to sign the envelopes, so an authorizer would only add a second lookup',
    );
    acknowledge(
      method,
      'AwsSolutions-COG4',
      'Log shippers (Fluent Bit, Vector, forwarders) are machines holding ingest keys, not Cognito users',
    );
    acknowledge(
      this.api,
      'AwsSolutions-APIG2',
      'The function validates the query and body itself and answers 401 before any 400: a gateway validator would answer 400 to a missing Authorization header',
    );
    const stage = this.api.deploymentStage;
    acknowledge(
      stage,
      'AwsSolutions-APIG6',
      'Access logging is on (every request, status and caller); execution logging would need the account-wide API Gateway CloudWatch role and can log request data',
    );
    if (!hasWebAcl)
      acknowledge(
        stage,
        'AwsSolutions-APIG3',
        'WAF-ready: set the surveyor:intakeWebAclArn context to attach a web ACL; the intake authenticates every request and throttles per stage and per tenant without one',
      );
  }
}
