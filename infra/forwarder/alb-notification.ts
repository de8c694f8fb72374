/**
 * ObjectCreated notifications from the customer's existing ALB log bucket to the ALB forwarder.
 *
 * CloudFormation cannot add a notification to a bucket it does not own, so this uses CDK's
 * existing-bucket notification: a custom resource whose handler is inline code in the template
 * (no asset, no bootstrap) and which merges our configuration with the bucket's existing ones
 * instead of replacing them. Everything here exists only when AlbLogBucketName is set.
 */
import { CfnCondition, CfnResource, Fn, Stack, type CfnParameter } from 'aws-cdk-lib';
import { Policy, PolicyStatement, type Role } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from '../nag.ts';

export class AlbLogNotification extends Construct {
  readonly condition: CfnCondition;

  constructor(
    scope: Construct,
    id: string,
    bucketName: CfnParameter,
    forwarder: IFunction,
    forwarderRole: Role,
  ) {
    super(scope, id);
    this.condition = new CfnCondition(this, 'HasAlbBucket', {
      expression: Fn.conditionNot(Fn.conditionEquals(bucketName.valueAsString, '')),
    });
    const bucket = Bucket.fromBucketName(this, 'AlbLogBucket', bucketName.valueAsString);
    // ALB writes `<prefix>/AWSLogs/<account>/elasticloadbalancing/<region>/.../*.log.gz`.
    bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(forwarder), {
      suffix: '.log.gz',
    });

    const read = new Policy(this, 'ReadAlbLogs', {
      statements: [
        new PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }),
      ],
    });
    read.attachToRole(forwarderRole);
    acknowledge(
      read,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<AlbLogBucketName>/*]',
      ALB_OBJECTS_REASON,
    );

    const stack = Stack.of(this);
    const handler = stack.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    const permissions = forwarder.node.children.filter((c) =>
      c.node.id.startsWith('AllowBucketNotifications'),
    );
    for (const construct of [bucket, read, ...permissions, ...(handler === undefined ? [] : [handler])]) {
      conditionAll(construct, this.condition);
    }
    if (handler !== undefined) acknowledgeNotificationsHandler(handler);
  }
}

const ALB_OBJECTS_REASON =
  'ALB writes log objects under keys it chooses (date and load balancer in the path); the forwarder reads any object of this one bucket';

function conditionAll(construct: IConstruct, condition: CfnCondition): void {
  for (const child of construct.node.findAll()) {
    if (child instanceof CfnResource) child.cfnOptions.condition = condition;
  }
}

// CDK's own bucket-notification handler runs with the AWS-managed basic execution policy.
function acknowledgeNotificationsHandler(handler: IConstruct): void {
  acknowledge(
    handler,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'CDK-provided custom resource handler for bucket notifications; it runs only during stack operations and its role is fixed by aws-cdk-lib',
  );
}
