/**
 * The ingest stream and the role customer forwarders assume to write to it.
 *
 * Writers are authorised twice: IAM (the IngestRole, per-customer external id) lets a forwarder put
 * records at all; the HMAC on each record (checked by the consumer against the key registry) says
 * which tenant the records belong to. IAM alone could not attribute tenants, because every customer
 * assumes the same role.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountPrincipal,
  AccountRootPrincipal,
  PolicyStatement,
  Role,
  type IPrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Stream, StreamEncryption, StreamMode } from 'aws-cdk-lib/aws-kinesis';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { IngestCustomer, SaasConfig } from '#infra/config';
import { acknowledge } from '#infra/nag';

export class IngestStream extends Construct {
  readonly stream: Stream;
  readonly key: Key;
  readonly ingestRole: Role;

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
      'A customer-managed key with rotation, granted per role (GenerateDataKey to IngestRole, Decrypt to the consumer), instead of the account-wide aws/kinesis key',
    );

    const [first, ...others] = config.customers;
    this.ingestRole = new Role(this, 'IngestRole', {
      description: 'Assumed by customer forwarders to put signed records on the ingest stream',
      // With no customer configured the role trusts only this account (an IAM trust policy cannot
      // be empty), which grants nothing by itself.
      assumedBy: first === undefined ? new AccountRootPrincipal() : customerPrincipal(first),
      maxSessionDuration: Duration.hours(1),
    });
    for (const customer of others) {
      this.ingestRole.assumeRolePolicy?.addStatements(
        new PolicyStatement({ actions: ['sts:AssumeRole'], principals: [customerPrincipal(customer)] }),
      );
    }
    this.ingestRole.addToPolicy(
      new PolicyStatement({
        actions: ['kinesis:PutRecord', 'kinesis:PutRecords'],
        resources: [this.stream.streamArn],
      }),
    );
    this.ingestRole.addToPolicy(
      new PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [this.key.keyArn] }),
    );
  }
}

/**
 * One trust statement per customer, each bound to that customer's external id, so one customer
 * cannot assume the role with another tenant's external id.
 */
function customerPrincipal({ accountId, externalId }: IngestCustomer): IPrincipal {
  return new AccountPrincipal(accountId).withConditions({ StringEquals: { 'sts:ExternalId': externalId } });
}
