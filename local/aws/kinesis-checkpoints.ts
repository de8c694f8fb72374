/**
 * Per-shard checkpoints of a local event source mapping, in a JSON file under the data folder, so a
 * restart resumes after the last processed record instead of replaying the shard.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface StreamIdentity {
  readonly streamArn: string;
  /** Distinguishes a recreated stream (kinesalite keeps streams in memory) from the old one. */
  readonly createdAt: string;
}

export interface CheckpointStore {
  /** Last processed sequence number per shard; empty when the stream is not the one saved. */
  load(stream: StreamIdentity): Promise<ReadonlyMap<string, string>>;
  save(shardId: string, sequenceNumber: string): Promise<void>;
}

interface CheckpointFile extends StreamIdentity {
  readonly shards: Record<string, string>;
}

/** `fileCheckpoints('.surveyor/checkpoints/ingest-api-calls.json')` */
export function fileCheckpoints(path: string): CheckpointStore {
  let state: CheckpointFile | undefined;
  let writing: Promise<void> = Promise.resolve();
  return {
    async load(stream) {
      const saved = await readSaved(path);
      const same = saved?.streamArn === stream.streamArn && saved.createdAt === stream.createdAt;
      state = { ...stream, shards: same ? { ...saved.shards } : {} };
      return new Map(Object.entries(state.shards));
    },
    save(shardId, sequenceNumber) {
      if (state === undefined) throw new Error('CheckpointStore.save before load');
      state.shards[shardId] = sequenceNumber;
      const text = JSON.stringify(state, null, 2);
      // Writes are chained so an older checkpoint never lands after a newer one.
      writing = writing.then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(`${path}.tmp`, text);
        await rename(`${path}.tmp`, path);
      });
      return writing;
    },
  };
}

async function readSaved(path: string): Promise<CheckpointFile | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as CheckpointFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
