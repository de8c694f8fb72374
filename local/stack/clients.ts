/** AWS SDK v3 clients pointed at the local servers (dummy credentials; nothing leaves loopback). */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { LocalEndpoints } from './servers.ts';

export interface LocalClients {
  readonly dynamodb: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** DynamoDB Local serves table streams on the same port. */
  readonly streams: DynamoDBStreamsClient;
  readonly kinesis: KinesisClient;
  readonly s3: S3Client;
}

export function localClients(endpoints: LocalEndpoints, region = 'us-east-1'): LocalClients {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region, credentials });
  return {
    dynamodb,
    doc: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    streams: new DynamoDBStreamsClient({ endpoint: endpoints.dynamodb, region, credentials }),
    // kinesalite speaks HTTP/1.1 only; the SDK's Kinesis client defaults to HTTP/2.
    kinesis: new KinesisClient({
      endpoint: endpoints.kinesis,
      region,
      credentials,
      requestHandler: new NodeHttpHandler(),
    }),
    s3: new S3Client({
      endpoint: endpoints.s3,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }),
  };
}
