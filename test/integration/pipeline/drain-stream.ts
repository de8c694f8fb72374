/** Reads a local Kinesis stream the way the event source would, for pipeline tests. */
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import type { StreamRecord } from '#shared/ingest/open-records';
import { localEnv } from '../local-env.ts';

const { clients, names } = localEnv();

/** Reads everything on the stream after `after` (per shard) the way the event source would. */
export async function drainStream(after: Map<string, string>): Promise<StreamRecord[]> {
  const shards = await clients.kinesis.send(new ListShardsCommand({ StreamName: names.stream }));
  const out: StreamRecord[] = [];
  for (const shard of shards.Shards ?? []) {
    const last = after.get(shard.ShardId!);
    let iterator = (
      await clients.kinesis.send(
        new GetShardIteratorCommand({
          StreamName: names.stream,
          ShardId: shard.ShardId!,
          ShardIteratorType: last === undefined ? 'TRIM_HORIZON' : 'AFTER_SEQUENCE_NUMBER',
          StartingSequenceNumber: last,
        }),
      )
    ).ShardIterator;
    for (let i = 0; i < 50 && iterator !== undefined; i++) {
      const page = await clients.kinesis.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
      );
      for (const r of page.Records ?? []) {
        out.push({ shardId: shard.ShardId!, sequenceNumber: r.SequenceNumber!, data: Buffer.from(r.Data!) });
        after.set(shard.ShardId!, r.SequenceNumber!);
      }
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return out;
}
