/**
 * Deployment settings of the SaaS stack, read once from CDK context (`cdk.json` or `-c key=value`)
 * and validated, so a typo fails synthesis instead of deploying a surprise.
 */
import type { Node } from 'constructs';

export interface IngestCustomer {
  /** The customer's AWS account that runs the forwarder template. */
  readonly accountId: string;
  /** The tenant's external id, issued at onboarding; the forwarder passes it to sts:AssumeRole. */
  readonly externalId: string;
}

/** A published forwarder release: onboarding puts it in the quick-create link. */
export interface ForwarderRelease {
  readonly templateUrl: string;
  readonly artifactBucket: string;
  readonly artifactKey: string;
}

export interface SaasConfig {
  /** Prefix of table names: `${prefix}-inventory`. */
  readonly prefix: string;
  /** On-demand scales without shard planning; provisioned is cheaper at steady, known volume. */
  readonly streamMode: 'on-demand' | 'provisioned';
  readonly shardCount: number;
  /** Concurrent batches per shard (1-10); raise it when iterator age grows but DynamoDB has room. */
  readonly parallelizationFactor: number;
  /** Optional: accounts (with their external ids) allowed to write to the stream directly through IngestRole; forwarders normally post to the intake. */
  readonly customers: readonly IngestCustomer[];
  /** Cap on consumer concurrency; undefined leaves it to the account pool. */
  readonly reservedConcurrency: number | undefined;
  /** An AWS WAF web ACL to attach to the intake API. */
  readonly intakeWebAclArn: string | undefined;
  /** The forwarder release onboarding links to; without it onboarding returns no quick-create link. */
  readonly forwarderRelease: ForwarderRelease | undefined;
  /** Where alert messages link findings: `${portalUrl}/findings/<id>`. */
  readonly portalUrl: string;
  /**
   * The Log4Shell callback zone (e.g. `cb.surveyor.example.com`, delegated to the hosted zone this
   * stack creates); unset: no listener, and Log4Shell checks stay off. Needs us-east-1.
   */
  readonly callbackZone: string | undefined;
  /** A crt.sh-compatible certificate search for host discovery (default `https://crt.sh`; `off`: none). */
  readonly certificateTransparencyUrl: string | undefined;
  /** The portal's own domain and its ACM certificate (us-east-1); unset: the CloudFront domain. */
  readonly portalDomain: PortalDomain | undefined;
  /** How portal users sign in: e-mail and password, a Cognito user pool this stack makes, or another OIDC issuer. */
  readonly portalSignIn: PortalSignIn;
}

export interface PortalDomain {
  readonly domainName: string;
  readonly certificateArn: string;
}

export type PortalSignIn =
  | { readonly kind: 'cognito' }
  /** Any OIDC issuer; the client secret is read from Secrets Manager at cold start. */
  | {
      readonly kind: 'oidc';
      readonly issuer: string;
      readonly clientId: string;
      readonly clientSecretArn: string;
    }
  /** E-mail and password accounts in the accounts table (the local mode's sign-in). */
  | { readonly kind: 'password' };

export const CONTEXT_KEYS = {
  prefix: 'surveyor:prefix',
  streamMode: 'surveyor:streamMode',
  shardCount: 'surveyor:shardCount',
  parallelizationFactor: 'surveyor:parallelizationFactor',
  customers: 'surveyor:ingestCustomers',
  reservedConcurrency: 'surveyor:reservedConcurrency',
  intakeWebAclArn: 'surveyor:intakeWebAclArn',
  forwarderRelease: 'surveyor:forwarderRelease',
  portalUrl: 'surveyor:portalUrl',
  callbackZone: 'surveyor:callbackZone',
  certificateTransparencyUrl: 'surveyor:certificateTransparencyUrl',
  portalDomain: 'surveyor:portalDomain',
  portalCertificateArn: 'surveyor:portalCertificateArn',
  portalSignIn: 'surveyor:portalSignIn',
} as const;

const ACCOUNT_ID = /^\d{12}$/;
// IAM accepts 2-1224 characters from this set for sts:ExternalId.
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** Reads and validates the context; `readSaasConfig(app.node)`. */
export function readSaasConfig(node: Node): SaasConfig {
  const get = (key: string): unknown => node.tryGetContext(key);
  const portalDomain = portalDomainValue(
    get(CONTEXT_KEYS.portalDomain),
    get(CONTEXT_KEYS.portalCertificateArn),
  );
  const portalSignIn = portalSignInValue(get(CONTEXT_KEYS.portalSignIn) ?? 'password');
  // The app client's callback URL must be known at synthesis; the CloudFront domain is not.
  if (portalSignIn.kind === 'cognito' && portalDomain === undefined)
    throw new InvalidConfigError(`${CONTEXT_KEYS.portalSignIn}=cognito needs ${CONTEXT_KEYS.portalDomain}`);
  const streamMode = get(CONTEXT_KEYS.streamMode) ?? 'on-demand';
  if (streamMode !== 'on-demand' && streamMode !== 'provisioned')
    throw new InvalidConfigError(`${CONTEXT_KEYS.streamMode} must be 'on-demand' or 'provisioned'`);
  return {
    prefix: stringValue(get(CONTEXT_KEYS.prefix) ?? 'surveyor', CONTEXT_KEYS.prefix),
    streamMode,
    shardCount: intValue(get(CONTEXT_KEYS.shardCount) ?? 2, CONTEXT_KEYS.shardCount, 1, 500),
    parallelizationFactor: intValue(
      get(CONTEXT_KEYS.parallelizationFactor) ?? 1,
      CONTEXT_KEYS.parallelizationFactor,
      1,
      10,
    ),
    customers: customersValue(get(CONTEXT_KEYS.customers) ?? []),
    reservedConcurrency:
      get(CONTEXT_KEYS.reservedConcurrency) === undefined
        ? undefined
        : intValue(get(CONTEXT_KEYS.reservedConcurrency), CONTEXT_KEYS.reservedConcurrency, 1, 1000),
    intakeWebAclArn: optionalMatch(
      get(CONTEXT_KEYS.intakeWebAclArn),
      CONTEXT_KEYS.intakeWebAclArn,
      WEB_ACL_ARN,
    ),
    forwarderRelease: releaseValue(get(CONTEXT_KEYS.forwarderRelease)),
    portalUrl: httpsUrlValue(
      get(CONTEXT_KEYS.portalUrl) ?? 'https://app.surveyor.dev',
      CONTEXT_KEYS.portalUrl,
    ),
    callbackZone: optionalMatch(get(CONTEXT_KEYS.callbackZone), CONTEXT_KEYS.callbackZone, DNS_ZONE),
    certificateTransparencyUrl:
      get(CONTEXT_KEYS.certificateTransparencyUrl) === 'off'
        ? undefined
        : httpsUrlValue(
            get(CONTEXT_KEYS.certificateTransparencyUrl) ?? 'https://crt.sh',
            CONTEXT_KEYS.certificateTransparencyUrl,
          ),
    portalDomain,
    portalSignIn,
  };
}

// CloudFront takes certificates from us-east-1 only.
const CLOUDFRONT_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/;
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;

function portalDomainValue(domain: unknown, certificateArn: unknown): PortalDomain | undefined {
  if (domain === undefined && certificateArn === undefined) return undefined;
  const domainName = optionalMatch(domain, CONTEXT_KEYS.portalDomain, DNS_NAME);
  const arn = optionalMatch(certificateArn, CONTEXT_KEYS.portalCertificateArn, CLOUDFRONT_CERTIFICATE_ARN);
  if (domainName === undefined || arn === undefined)
    throw new InvalidConfigError(
      `${CONTEXT_KEYS.portalDomain} and ${CONTEXT_KEYS.portalCertificateArn} (us-east-1) go together`,
    );
  return { domainName, certificateArn: arn };
}

/** `password` (default), `cognito` (needs the portal domain: the app client's callback URL), or `{ "issuer", "clientId", "clientSecretArn" }` for another OIDC issuer. */
function portalSignInValue(value: unknown): PortalSignIn {
  if (value === 'cognito' || value === 'password') return { kind: value };
  const key = CONTEXT_KEYS.portalSignIn;
  const parsed: unknown = typeof value === 'string' && value.startsWith('{') ? JSON.parse(value) : value;
  const { issuer, clientId, clientSecretArn } = (parsed ?? {}) as Record<string, unknown>;
  if (typeof issuer !== 'string' || !/^https:\/\/[^\s]+$/.test(issuer))
    throw new InvalidConfigError(
      `${key} must be 'cognito', 'password' or { issuer (https), clientId, clientSecretArn }`,
    );
  if (typeof clientId !== 'string' || !/^[\w.-]{1,255}$/.test(clientId))
    throw new InvalidConfigError(`${key}.clientId is not valid`);
  if (typeof clientSecretArn !== 'string' || !SECRET_ARN.test(clientSecretArn))
    throw new InvalidConfigError(`${key}.clientSecretArn must be a Secrets Manager secret ARN`);
  return { kind: 'oidc', issuer, clientId, clientSecretArn };
}

// A lower-case DNS name short enough that `<marker>.<token>.<zone>` stays within 253 characters.
const DNS_ZONE = /^(?=.{1,200}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;

const DNS_NAME = /^(?=.{1,253}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;

const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[\w-]+\/[\w-]+$/;

function optionalMatch(value: unknown, key: string, pattern: RegExp): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) throw new InvalidConfigError(`${key} is not valid`);
  return value;
}

function releaseValue(value: unknown): ForwarderRelease | undefined {
  if (value === undefined) return undefined;
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const { templateUrl, artifactBucket, artifactKey } = (parsed ?? {}) as Record<string, unknown>;
  const key = CONTEXT_KEYS.forwarderRelease;
  if (typeof templateUrl !== 'string' || !templateUrl.startsWith('https://'))
    throw new InvalidConfigError(`${key}.templateUrl must be an https URL`);
  if (typeof artifactBucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(artifactBucket))
    throw new InvalidConfigError(`${key}.artifactBucket must be a bucket name`);
  if (typeof artifactKey !== 'string' || artifactKey === '')
    throw new InvalidConfigError(`${key}.artifactKey must be an object key`);
  return { templateUrl, artifactBucket, artifactKey };
}

function stringValue(value: unknown, key: string): string {
  if (typeof value !== 'string' || !/^[a-z][a-z0-9-]{0,30}$/.test(value))
    throw new InvalidConfigError(`${key} must be 1-31 lower-case letters, digits or '-'`);
  return value;
}

function httpsUrlValue(value: unknown, key: string): string {
  if (typeof value !== 'string' || !/^https:\/\/[a-z0-9.-]+(?::\d+)?(?:\/[\w./-]*)?$/i.test(value))
    throw new InvalidConfigError(`${key} must be an https URL`);
  return value;
}

// `-c key=3` arrives as the string '3'; cdk.json gives numbers.
function intValue(value: unknown, key: string, min: number, max: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    throw new InvalidConfigError(`${key} must be an integer from ${min} to ${max}`);
  return n;
}

function customersValue(value: unknown): IngestCustomer[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(list)) throw new InvalidConfigError(`${CONTEXT_KEYS.customers} must be a list`);
  return list.map((item: unknown) => {
    const { accountId, externalId } = (item ?? {}) as Record<string, unknown>;
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId))
      throw new InvalidConfigError(`${CONTEXT_KEYS.customers}: accountId must be 12 digits`);
    if (typeof externalId !== 'string' || !EXTERNAL_ID.test(externalId))
      throw new InvalidConfigError(`${CONTEXT_KEYS.customers}: invalid externalId for ${accountId}`);
    return { accountId, externalId };
  });
}

export class InvalidConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidConfigError';
  }
}
