/**
 * How portal users sign in, by context (`surveyor:portalSignIn`): e-mail and password in the accounts
 * table (default), a Cognito user pool and app client made here, or another OIDC issuer whose client
 * secret is already in Secrets Manager. The portal reads the result as OIDC_* variables.
 */
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PORTAL_ENV } from '#shared/resources/handler-env';
import type { PortalDomain, PortalSignIn } from '../config.ts';
import { acknowledge } from '../nag.ts';
import { BASIC_EXECUTION_ROLE, type PortalSignInEnv } from './portal-hosting.ts';

// CDK's fixed id for the AwsCustomResource singleton function.
const AWS_CUSTOM_RESOURCE_PROVIDER = 'AWS679f53fac002430cb0da5b7982bd2287';

/** next-auth's callback for the provider id `oidc` (web/lib/auth-options.ts). */
export const OIDC_CALLBACK_PATH = '/api/auth/callback/oidc';

export function portalSignIn(
  scope: Construct,
  signIn: PortalSignIn,
  domain: PortalDomain | undefined,
): PortalSignInEnv {
  if (signIn.kind === 'password')
    return { environment: {}, clientSecret: undefined, clientSecretArn: undefined };
  if (signIn.kind === 'oidc')
    return {
      environment: { [PORTAL_ENV.oidcIssuer]: signIn.issuer, [PORTAL_ENV.oidcClientId]: signIn.clientId },
      clientSecret: undefined,
      clientSecretArn: signIn.clientSecretArn,
    };
  if (domain === undefined) throw new Error('Cognito sign-in needs the portal domain (config validates it)');
  const cognito = new PortalUserPool(scope, 'PortalUsers', domain);
  return {
    environment: {
      [PORTAL_ENV.oidcIssuer]: `https://cognito-idp.${Stack.of(scope).region}.amazonaws.com/${cognito.pool.userPoolId}`,
      [PORTAL_ENV.oidcClientId]: cognito.client.userPoolClientId,
    },
    clientSecret: cognito.clientSecret,
    clientSecretArn: cognito.clientSecret.secretArn,
  };
}

/** A user pool where people sign themselves up (their first portal sign-in creates their tenant). */
class PortalUserPool extends Construct {
  readonly pool: UserPool;
  readonly client: UserPoolClient;
  readonly clientSecret: Secret;

  constructor(scope: Construct, id: string, domain: PortalDomain) {
    super(scope, id);
    this.pool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.pool,
      'AwsSolutions-COG2',
      'MFA is optional (TOTP) so customers can sign up without a second device; tenants may require it of their members later',
    );
    acknowledge(
      this.pool,
      'AwsSolutions-COG8',
      "Threat protection needs Cognito's Plus plan, billed per user; the portal throttles sign-in and sign-up itself",
    );
    this.pool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: `surveyor-${Stack.of(this).account}`.slice(0, 63) },
    });
    this.client = this.pool.addClient('Portal', {
      generateSecret: true,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`https://${domain.domainName}${OIDC_CALLBACK_PATH}`],
        logoutUrls: [`https://${domain.domainName}/signin`],
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
    // CDK reads the generated secret back (a custom resource) into a secret the portal reads at cold start.
    this.clientSecret = new Secret(this, 'ClientSecret', {
      description: "The portal's Cognito app client secret (OIDC_CLIENT_SECRET)",
      secretStringValue: this.client.userPoolClientSecret,
    });
    // The read-back runs in CDK's AwsCustomResource provider, a singleton at the stack's root.
    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER);
    if (provider === undefined) throw new Error('AwsCustomResource provider not found');
    acknowledge(
      provider.node.findChild('ServiceRole'),
      `AwsSolutions-IAM4[Policy::${BASIC_EXECUTION_ROLE}]`,
      "CDK's AwsCustomResource provider (reads the app client secret once) uses AWSLambdaBasicExecutionRole for its logs",
    );
    acknowledge(
      this.clientSecret,
      'AwsSolutions-SMG4',
      'Cognito generates the app client secret and cannot rotate it in place; rotation is a new client, deployed by hand',
    );
  }
}
