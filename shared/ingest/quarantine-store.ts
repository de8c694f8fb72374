/**
 * Keeps what the pipeline could not use, with its reason, as JSON lines in the quarantine bucket:
 * `quarantine/<tenant or unattributed>/<yyyy-mm-dd>/<batch>.jsonl`. Records that failed their
 * signature are stored without their content: an unauthenticated sender gets no storage.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import type { QuarantineEntry } from './consume.ts';

export function s3Quarantine(
  s3: S3Client,
  bucket: string,
  now: () => Date,
): (entries: QuarantineEntry[]) => Promise<void> {
  return async (entries) => {
    if (entries.length === 0) return;
    const day = now().toISOString().slice(0, 10);
    const byTenant = new Map<string, string[]>();
    for (const entry of entries) {
      const tenant = entry.kind === 'line' ? entry.tenant : 'unattributed';
      const line = JSON.stringify(
        entry.kind === 'line' ? entry.line : { sequenceNumber: entry.sequenceNumber, reason: entry.reason },
      );
      (byTenant.get(tenant) ?? byTenant.set(tenant, []).get(tenant)!).push(line);
    }
    await Promise.all(
      [...byTenant].map(([tenant, lines]) =>
        s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: `quarantine/${tenant}/${day}/${randomUUID()}.jsonl`,
            Body: lines.join('\n') + '\n',
            ContentType: 'application/x-ndjson',
          }),
        ),
      ),
    );
  };
}
