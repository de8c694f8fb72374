import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { readLineBatches } from '#shared/logs/read-lines';

async function readAll(chunks: Buffer[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const batch of readLineBatches(Readable.from(chunks), { batchSize: 3 })) lines.push(...batch);
  return lines;
}

/** `bytes` cut into pieces at `cuts` (byte offsets, any order, duplicates ignored). */
function pieces(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const c of [...at, bytes.length]) {
    if (c > start) out.push(bytes.subarray(start, c));
    start = Math.max(start, c);
  }
  return out;
}

describe('readLineBatches decoding', () => {
  it('reads ASCII and multi-byte lines the same however the input is cut into chunks', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'Z', '/', ' ', 'é', '€', '😀', '\u0000', '%') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, cuts) => {
          const bytes = Buffer.from(lines.join('\n') + '\n');
          expect(await readAll(pieces(bytes, cuts))).toEqual(lines);
        },
      ),
    );
  });

  it('gives U+FFFD for a multi-byte character cut short before an ASCII chunk, as one decode would', async () => {
    const euro = Buffer.from('€'); // 3 bytes
    const bytes = Buffer.concat([Buffer.from('/a'), euro.subarray(0, 2), Buffer.from('/b\n')]);
    const lines = await readAll([bytes.subarray(0, 4), bytes.subarray(4)]);
    expect(lines).toEqual([bytes.toString('utf8').replace(/\n$/, '')]);
    expect(lines[0]).toBe('/a\uFFFD/b');
  });
});
