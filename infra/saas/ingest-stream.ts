/**
 * The ingest stream, and optionally a role customer forwarders assume to write to it directly.
 *
 * Forwarders post to the intake (infra/saas/intake-api.ts) with their ingest key, so onboarding
 * needs no change here. The cross-account IngestRole is an option kept for customers who must not
 * send logs over HTTPS: it exists only when `surveyor:ingestCustomers` lists accounts, each bound to
 * its own external id. Either way the HMAC on each record (checked by the consumer against the key
 * registry) says which tenant the records belong to.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccountPrincipal, PolicyStatement, Role, type IPrincipal } from 'aws-cdk-lib/aws-iam';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { IngestCustomer, SaasConfig } from '#infra/config';
import { acknowledge } from '#infra/nag';

export class IngestStream extends Construct {
  readonly stream: Stream;
  readonly key: Key;
  /** Only with `surveyor:ingestCustomers`: the direct-to-stream option. */
  readonly ingestRole: Role | undefined;

  constructor(scope: Construct, id: string, config: SaasConfig) {
    super(scope, id);
    // A customer-managed key rather than aws/kinesis: its use is granted explicitly (IngestRole may
    // only GenerateDataKey, the consumer only Decrypt) and shows per principal in CloudTrail.
    this.key = new Key(this, 'StreamKey', {
      description: 'Surveyor ingest stream encryption',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const provisioned = config.streamMode === 'provisioned';
    this.stream = new Stream(this, 'Stream', {
      encryption: StreamEncryption.KMS,
      encryptionKey: this.key,
      streamMode: provisioned ? StreamMode.PROVISIONED : StreamMode.ON_DEMAND,
      shardCount: provisioned ? config.shardCount : undefined,
      // Long enough to replay a day of traffic after a consumer bug is fixed.
      retentionPeriod: Duration.hours(48),
    });
    acknowledge(
      this.stream,
      'AwsSolutions-KDS3',
      'A customer-managed key with rotation, granted per role (GenerateDataKey to the intake and the optional IngestRole, Decrypt to the consumer), instead of the account-wide aws/kinesis key',
    );

    const [first, ...others] = config.customers;
    this.ingestRole = first === undefined ? undefined : this.directWriteRole(first, others);
  }

  private directWriteRole(first: IngestCustomer, others: readonly IngestCustomer[]): Role {
    const role = new Role(this, 'IngestRole', {
      description: 'Assumed by customer forwarders to put signed records on the ingest stream',
      assumedBy: customerPrincipal(first),
      maxSessionDuration: Duration.hours(1),
    });
    for (const customer of others) {
      role.assumeRolePolicy?.addStatements(
        new PolicyStatement({ actions: ['sts:AssumeRole'], principals: [customerPrincipal(customer)] }),
      );
    }
    role.addToPolicy(
      new PolicyStatement({
        actions: ['kinesis:PutRecord', 'kinesis:PutRecords'],
        resources: [this.stream.streamArn],
      }),
    );
    role.addToPolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [this.key.keyArn] }));
    return role;
  }
}

/**
 * One trust statement per customer, each bound to that customer's external id, so one customer
 * cannot assume the role with another tenant's external id.
 */
function customerPrincipal({ accountId, externalId }: IngestCustomer): IPrincipal {
  return new AccountPrincipal(accountId).withConditions({ StringEquals: { 'sts:ExternalId': externalId } });
}
