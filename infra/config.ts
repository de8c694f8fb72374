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
}

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
} as const;

const ACCOUNT_ID = /^\d{12}$/;
// IAM accepts 2-1224 characters from this set for sts:ExternalId.
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** Reads and validates the context; `readSaasConfig(app.node)`. */
export function readSaasConfig(node: Node): SaasConfig {
  const get = (key: string): unknown => node.tryGetContext(key);
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
  };
}

// A lower-case DNS name short enough that `<marker>.<token>.<zone>` stays within 253 characters.
const DNS_ZONE = /^(?=.{1,200}$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/;

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
