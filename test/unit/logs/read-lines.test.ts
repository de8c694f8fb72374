import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { MAX_LINE, readLineBatches, TOO_LONG } from '#shared/logs/read-lines';

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

  it('cuts a line over MAX_LINE characters, however many chunks it spans, and reads on', async () => {
    const lines = ['x'.repeat(MAX_LINE * 4), 'é'.repeat(MAX_LINE + 1), '€'.repeat(MAX_LINE / 2), '/next'];
    const bytes = Buffer.from(lines.join('\n') + '\r\n');
    const chunks = Array.from({ length: Math.ceil(bytes.length / 16_384) }, (_, i) =>
      bytes.subarray(i * 16_384, (i + 1) * 16_384),
    );
    const read = await readAll(chunks);
    expect(read.map((l) => l.length)).toEqual([
      TOO_LONG.length + 2048,
      TOO_LONG.length + 2048,
      MAX_LINE / 2,
      5,
    ]);
    expect(read[0]).toBe(TOO_LONG + 'x'.repeat(2048));
    expect(read[1]).toBe(TOO_LONG + 'é'.repeat(2048));
    expect(read.slice(2)).toEqual(lines.slice(2));
  });

  it('gives U+FFFD for a multi-byte character cut short before an ASCII chunk, as one decode would', async () => {
    const euro = Buffer.from('€'); // 3 bytes
    const bytes = Buffer.concat([Buffer.from('/a'), euro.subarray(0, 2), Buffer.from('/b\n')]);
    const lines = await readAll([bytes.subarray(0, 4), bytes.subarray(4)]);
    expect(lines).toEqual([bytes.toString('utf8').replace(/\n$/, '')]);
    expect(lines[0]).toBe('/a\uFFFD/b');
  });
});
