/**
 * The portal on serverless hosting: Next's standalone server in one Lambda (a Function URL, bridged
 * in-process by web/lambda/serve-portal.ts) behind CloudFront. `/_next/static/*` (hashed, immutable)
 * comes from a private bucket through origin access control and is cached; every other path goes to
 * the function uncached, with a secret origin header so the Function URL answers CloudFront only.
 * The function may read and write the portal's tables (tenant partitions and the accounts table's
 * credential partitions only), seal and open alert-integration secrets with the notifier's key (for
 * the settings page's saves and "Send test") and invoke the onboarding function; nothing else.
 */
import { type CfnResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Function, FunctionUrlAuthType, Runtime, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl } from 'aws-cdk-lib/aws-s3-deployment';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { accountKeys } from '#shared/accounts/account-keys';
import {
  HANDLER_ENV,
  PORTAL_ENV,
  PORTAL_ORIGIN_VERIFY_HEADER,
  secretArnVariable,
} from '#shared/resources/handler-env';
import {
  accountsTable,
  alertsTable,
  findingsTable,
  inventoryTable,
  type TableDefinition,
} from '#shared/resources/tables';
import type { PortalDomain } from '../config.ts';
import { acknowledge, NODE22_REASON } from '../nag.ts';
import { PORTAL_PACKAGE, portalFunctionCode, portalStaticSource } from './portal-package.ts';

export interface PortalSignInEnv {
  /** Plain variables (issuer, client id). */
  readonly environment: Record<string, string>;
  /** The client secret, read at cold start into OIDC_CLIENT_SECRET. */
  readonly clientSecret: Secret | undefined;
  readonly clientSecretArn: string | undefined;
}

export interface PortalHostingProps {
  readonly inventoryTable: Table;
  readonly findingsTable: Table;
  readonly accountsTable: Table;
  readonly onboardingFunction: IFunction;
  /** The notifier's table and key: the settings page saves integrations and sends test events. */
  readonly alerts: { readonly table: Table; readonly secretsKey: IKey; readonly portalUrl: string };
  readonly accessLogs: Bucket;
  readonly domain: PortalDomain | undefined;
  readonly signIn: PortalSignInEnv;
}

// Partitions the portal reads and writes: tenants' own, and the accounts table's credential lookups.
const TENANT_PARTITIONS = ['TENANT#*'];
const ACCOUNT_PARTITIONS = [
  accountKeys.user('*'),
  'TENANT#*',
  `${accountKeys.invitePartition}*`,
  `${accountKeys.tokenPartition}*`,
  accountKeys.signinWindow('*'),
  accountKeys.signupWindow('*'),
];
const ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

export class PortalHosting extends Construct {
  readonly fn: Function;
  readonly distribution: Distribution;
  readonly staticBucket: Bucket;
  /** `https://<domain>`, or the CloudFront domain when no custom domain is set. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PortalHostingProps) {
    super(scope, id);
    const sessionSecret = new Secret(this, 'SessionSecret', {
      description: "Signs and encrypts the portal's session cookies (NEXTAUTH_SECRET)",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    acknowledge(
      sessionSecret,
      'AwsSolutions-SMG4',
      'Rotating the session key signs every user out; it is rotated by hand after an incident, not on a schedule',
    );
    const originVerify = new Secret(this, 'OriginVerifySecret', {
      description:
        'The header CloudFront adds to portal origin requests; the function refuses requests without it',
      generateSecretString: { passwordLength: 40, excludePunctuation: true },
    });
    acknowledge(
      originVerify,
      'AwsSolutions-SMG4',
      'CloudFront holds this value in its origin configuration; rotating it means redeploying the distribution, done by hand',
    );

    const { fn } = this.portalFunction(props, sessionSecret, originVerify);
    this.fn = fn;
    const functionUrl = fn.addFunctionUrl({ authType: FunctionUrlAuthType.NONE });

    const logs = new Bucket(this, 'CdnLogs', {
      // CloudFront standard logging writes with ACLs, so this one bucket keeps them enabled.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire', expiration: Duration.days(90) }],
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'PortalCdnLogs/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.staticBucket = new Bucket(this, 'Static', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'PortalStatic/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const headers = securityHeaders(this);
    // Function URLs answer only to their own Host; Next needs the viewer's (sign-in URLs, the
    // server actions' Origin check), so it travels as x-forwarded-host, overwriting any sent.
    const forwardHost = new EdgeFunction(this, 'ForwardHost', {
      comment: 'Copies the viewer Host header to x-forwarded-host for the portal function',
      code: FunctionCode.fromInline(
        "function handler(event) { var r = event.request; r.headers['x-forwarded-host'] = { value: r.headers.host.value }; return r; }",
      ),
    });
    const domain = props.domain;
    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Surveyor portal',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'portal/',
      ...(domain !== undefined && {
        domainNames: [domain.domainName],
        certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
      }),
      defaultBehavior: {
        // OAC for Function URLs would make browsers sign POST bodies; a secret header works for all.
        // Its value is a Secrets Manager dynamic reference, resolved by CloudFormation, not in the template.
        origin: new FunctionUrlOrigin(functionUrl, {
          customHeaders: { [PORTAL_ORIGIN_VERIFY_HEADER]: originVerify.secretValue.unsafeUnwrap() },
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Pages are per user and per request: nothing the function answers is cached.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/_next/static/*': {
          origin: S3BucketOrigin.withOriginAccessControl(this.staticBucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: headers,
        },
      },
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'The portal serves customers worldwide; sign-in and sign-up are rate-limited per address in the application',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'No WAF web ACL by default (CloudFront ACLs live in us-east-1 and cost per rule); sign-in and sign-up throttles are in DynamoDB',
    );
    if (domain === undefined)
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without surveyor:portalDomain the default *.cloudfront.net certificate is used, whose TLS policy CloudFront fixes; with it, TLSv1.2_2021',
      );

    new BucketDeployment(this, 'StaticDeployment', {
      sources: [portalStaticSource()],
      destinationBucket: this.staticBucket,
      // Old hashed files stay: a browser on the previous build still loads its chunks after a deploy.
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      memoryLimit: 512,
    });
    acknowledgeBucketDeployment(this, this.staticBucket);

    this.url = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;
  }

  private portalFunction(props: PortalHostingProps, sessionSecret: Secret, originVerify: Secret) {
    const logGroup = new LogGroup(this, 'FunctionLogs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'FunctionRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the portal (Next.js on Lambda)',
    });
    const fn = new Function(this, 'Function', {
      description: 'Surveyor portal: Next.js standalone server behind CloudFront',
      code: portalFunctionCode(),
      handler: PORTAL_PACKAGE.handler,
      runtime: Runtime.NODEJS_22_X,
      // The package holds the native modules Next traced on the build machine: run on its architecture.
      architecture: process.arch === 'arm64' ? Architecture.ARM_64 : Architecture.X86_64,
      memorySize: 1024,
      timeout: Duration.seconds(30),
      role,
      logGroup,
      environment: {
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        [HANDLER_ENV.inventoryTable]: props.inventoryTable.tableName,
        [HANDLER_ENV.findingsTable]: props.findingsTable.tableName,
        [HANDLER_ENV.accountsTable]: props.accountsTable.tableName,
        [PORTAL_ENV.onboardingFunction]: props.onboardingFunction.functionName,
        [HANDLER_ENV.alertsTable]: props.alerts.table.tableName,
        [HANDLER_ENV.alertsKmsKey]: props.alerts.secretsKey.keyArn,
        [HANDLER_ENV.portalUrl]: props.alerts.portalUrl,
        [secretArnVariable(PORTAL_ENV.sessionSecret)]: sessionSecret.secretArn,
        [secretArnVariable(PORTAL_ENV.originVerify)]: originVerify.secretArn,
        ...(props.domain === undefined
          ? { [PORTAL_ENV.trustHost]: 'true' }
          : { [PORTAL_ENV.url]: `https://${props.domain.domainName}` }),
        ...props.signIn.environment,
        ...(props.signIn.clientSecretArn !== undefined && {
          [secretArnVariable(PORTAL_ENV.oidcClientSecret)]: props.signIn.clientSecretArn,
        }),
      },
    });
    logGroup.grantWrite(role);
    acknowledge(fn, 'AwsSolutions-L1', NODE22_REASON);
    grantItems(
      role,
      [
        [props.inventoryTable, inventoryTable],
        [props.findingsTable, findingsTable],
        [props.alerts.table, alertsTable],
      ],
      TENANT_PARTITIONS,
    );
    // Seal on save, open for "Send test"; the sealer binds each secret to its tenant and integration.
    // (Encrypt and Decrypt only: grantEncryptDecrypt would add ReEncrypt* and GenerateDataKey*.)
    role.addToPolicy(
      new PolicyStatement({
        actions: ['kms:Encrypt', 'kms:Decrypt'],
        resources: [props.alerts.secretsKey.keyArn],
      }),
    );
    grantItems(role, [[props.accountsTable, accountsTable]], ACCOUNT_PARTITIONS);
    sessionSecret.grantRead(role);
    originVerify.grantRead(role);
    if (props.signIn.clientSecret !== undefined) props.signIn.clientSecret.grantRead(role);
    else if (props.signIn.clientSecretArn !== undefined)
      role.addToPolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [props.signIn.clientSecretArn],
        }),
      );
    // The function itself, not its versions (grantInvoke would add `:*`).
    role.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [props.onboardingFunction.functionArn],
      }),
    );
    return { fn, role };
  }
}

/** Item actions on `tables` and their named indexes, only in partitions whose key matches `partitions`. */
function grantItems(role: Role, tables: [Table, TableDefinition][], partitions: string[]): void {
  role.addToPolicy(
    new PolicyStatement({
      actions: ITEM_ACTIONS,
      resources: tables.flatMap(([t, definition]) => [
        t.tableArn,
        ...definition.globalIndexes.map((index) => `${t.tableArn}/index/${index.name}`),
      ]),
      conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': partitions } },
    }),
  );
}

/** HSTS, nosniff, frame denial and referrer policy on every answer; the CSP (with its nonce) is Next's. */
function securityHeaders(scope: Construct): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    comment: 'Surveyor portal security headers',
    securityHeadersBehavior: {
      strictTransportSecurity: {
        accessControlMaxAge: Duration.days(730),
        includeSubdomains: true,
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
    },
    removeHeaders: ['x-powered-by'],
  });
}

/** The S3 deployment's provider function is CDK's own (a singleton at the stack's root). */
function acknowledgeBucketDeployment(scope: Construct, staticBucket: Bucket): void {
  const stack = Stack.of(scope);
  const provider = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (provider === undefined) throw new Error('BucketDeployment provider not found');
  acknowledge(
    provider,
    'AwsSolutions-L1',
    "CDK's BucketDeployment provider runs the Python runtime CDK pins for its AWS CLI layer; CDK upgrades it",
  );
  const role = provider.node.findChild('ServiceRole');
  acknowledge(
    role,
    `AwsSolutions-IAM4[Policy::${BASIC_EXECUTION_ROLE}]`,
    "CDK's BucketDeployment provider uses AWSLambdaBasicExecutionRole for its logs; CDK defines the role",
  );
  const staticId = stack.getLogicalId(staticBucket.node.defaultChild as CfnResource);
  for (const finding of [
    `Resource::<${staticId}.Arn>/*`,
    'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
    'Action::s3:GetObject*',
    'Action::s3:GetBucket*',
    'Action::s3:List*',
    'Action::s3:DeleteObject*',
    'Action::s3:Abort*',
  ])
    acknowledge(
      role.node.findChild('DefaultPolicy'),
      `AwsSolutions-IAM5[${finding}]`,
      "CDK's BucketDeployment grants its provider these object wildcards on the CDK asset bucket and the portal's static bucket only",
    );
}

export const BASIC_EXECUTION_ROLE =
  'arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
