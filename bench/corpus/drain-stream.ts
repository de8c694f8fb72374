/** Everything on a (local) Kinesis stream, every shard from its start: for benchmarks. */
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { StreamRecord } from '#shared/ingest/open-records';

export async function drainAll(kinesis: KinesisClient, streamName: string): Promise<StreamRecord[]> {
  const shards = await kinesis.send(new ListShardsCommand({ StreamName: streamName }));
  const out: StreamRecord[] = [];
  for (const shard of shards.Shards ?? []) {
    let iterator = (
      await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shard.ShardId!,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (iterator !== undefined) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      for (const r of page.Records ?? [])
        out.push({ shardId: shard.ShardId!, sequenceNumber: r.SequenceNumber!, data: Buffer.from(r.Data!) });
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return out;
}
