import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AUTO_WORKER_BYTES, useWorker } from '#cli/analyze-worker-choice';

const dir = mkdtempSync(join(tmpdir(), 'surveyor-choice-'));
const plain = join(dir, 'alb.log');
writeFileSync(plain, 'https 2024-05-01T12:00:00.000000Z ...\n');
// Named .log: the content, not the name, makes it gzip.
const gzip = join(dir, 'alb-gz.log');
writeFileSync(gzip, gzipSync('https 2024-05-01T12:00:00.000000Z ...\n'));

describe('useWorker', () => {
  it('uses the worker in auto mode only from AUTO_WORKER_BYTES of log text', () => {
    expect(useWorker('auto', [{ file: plain, size: AUTO_WORKER_BYTES - 1 }])).toBe(false);
    expect(useWorker('auto', [{ file: plain, size: AUTO_WORKER_BYTES }])).toBe(true);
    const half = { file: plain, size: AUTO_WORKER_BYTES / 2 };
    expect(useWorker('auto', [half, half])).toBe(true);
  });

  it('counts a gzip file as the text it holds, about five times its size', () => {
    expect(useWorker('auto', [{ file: gzip, size: AUTO_WORKER_BYTES / 5 }])).toBe(true);
    expect(useWorker('auto', [{ file: plain, size: AUTO_WORKER_BYTES / 5 }])).toBe(false);
  });

  it('follows always and never, and reads stdin on the main thread whatever the choice', () => {
    expect(useWorker('always', [{ file: plain, size: 10 }])).toBe(true);
    expect(useWorker('never', [{ file: plain, size: AUTO_WORKER_BYTES * 4 }])).toBe(false);
    expect(useWorker('always', [{ file: plain, size: 10 }, { file: '-' }])).toBe(false);
  });
});
