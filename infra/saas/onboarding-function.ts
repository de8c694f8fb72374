/**
 * The onboarding function (functions/manage-ingest-keys.ts): issues, lists and revokes ingest keys
 * for the portal. Its own role: it reads the master secret (to derive a new key's secret) and writes
 * only the key registry (`REGISTRY#`) and tenants' key items (`TENANT#*`); it reads no inventory
 * beyond the tenant's key list and cannot touch the stream.
 */
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { HANDLER_ENV, secretArnVariable } from '#shared/resources/handler-env';
import { registryKeys } from '#shared/tables/keys';
import type { ForwarderRelease } from '../config.ts';
import { bundledFunction } from './bundled-function.ts';

export interface OnboardingFunctionProps {
  readonly inventoryTable: Table;
  readonly masterSecret: ISecret;
  readonly intakeUrl: string;
  readonly forwarderRelease: ForwarderRelease | undefined;
}

export class OnboardingFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: OnboardingFunctionProps) {
    super(scope, id);
    const release = props.forwarderRelease;
    const { fn, role } = bundledFunction(this, 'Function', {
      handlerName: 'manage-ingest-keys',
      description: "Issues, lists and revokes tenants' ingest keys (the portal's onboarding page)",
      memorySize: 256,
      timeout: Duration.seconds(10),
      environment: {
        [HANDLER_ENV.inventoryTable]: props.inventoryTable.tableName,
        [secretArnVariable(HANDLER_ENV.masterSecret)]: props.masterSecret.secretArn,
        [HANDLER_ENV.intakeUrl]: props.intakeUrl,
        ...(release !== undefined && {
          [HANDLER_ENV.forwarderTemplateUrl]: release.templateUrl,
          [HANDLER_ENV.forwarderArtifactBucket]: release.artifactBucket,
          [HANDLER_ENV.forwarderArtifactKey]: release.artifactKey,
        }),
        POWERTOOLS_SERVICE_NAME: 'manage-ingest-keys',
      },
    });
    this.fn = fn;
    role.addToPolicy(
      new PolicyStatement({
        // Transactions need the item actions they contain; Query lists one tenant's keys.
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
        resources: [props.inventoryTable.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [registryKeys.partition, 'TENANT#*'] },
        },
      }),
    );
    props.masterSecret.grantRead(role);
  }
}
