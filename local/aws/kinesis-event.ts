/** Builds the `KinesisStreamEvent` Lambda delivers, from records read with GetRecords. */
import type { _Record as KinesisRecord } from '@aws-sdk/client-kinesis';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

export interface KinesisEventSourceIdentity {
  readonly streamArn: string;
  readonly region: string;
  /** The function's execution role, which Lambda reports as `invokeIdentityArn`. */
  readonly invokeIdentityArn: string;
}

/** One Lambda record: `eventID` is `shardId:sequenceNumber`, `data` base64, arrival in seconds. */
export function kinesisStreamRecord(
  record: KinesisRecord,
  shardId: string,
  identity: KinesisEventSourceIdentity,
): KinesisStreamRecord {
  const sequenceNumber = record.SequenceNumber ?? '';
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: record.PartitionKey ?? '',
      sequenceNumber,
      data: Buffer.from(record.Data ?? new Uint8Array()).toString('base64'),
      approximateArrivalTimestamp: (record.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${shardId}:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: identity.invokeIdentityArn,
    awsRegion: identity.region,
    eventSourceARN: identity.streamArn,
  };
}

export function kinesisStreamEvent(records: readonly KinesisStreamRecord[]): KinesisStreamEvent {
  return { Records: [...records] };
}
