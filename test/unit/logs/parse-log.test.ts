import { describe, it, expect } from '@jest/globals';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { parseLog } from '#shared/logs/parse-log';
import { readLineBatches, MAX_LINE } from '#shared/logs/read-lines';
import { validateQuarantined } from '#events/validate';
import { fixtureLines } from './fixtures.ts';

async function parseAll(data: Buffer, format: 'alb' | 'apigw' | 'auto' = 'auto') {
  const out = { calls: 0, quarantined: [] as unknown[], lines: 0 };
  for await (const batch of parseLog(readLineBatches(Readable.from([data])), {
    format,
    origin: 'test.log',
  })) {
    out.calls += batch.calls.length;
    out.quarantined.push(...batch.quarantined);
    out.lines += batch.lines;
  }
  return out;
}

describe('parseLog over readLineBatches', () => {
  const good = fixtureLines('alb', 'types.log');
  const bad = fixtureLines('alb', 'malformed.log');

  it('accounts for every line: calls plus quarantined equals lines, with line numbers and reasons', async () => {
    const text = [good[0], '', bad[1], good[1], bad[0]].join('\n') + '\n';
    const result = await parseAll(Buffer.from(text));
    expect(result).toMatchObject({ calls: 2, lines: 4 });
    expect(result.quarantined).toEqual([
      expect.objectContaining({ format: 'alb', origin: 'test.log', line: 3, reason: expect.any(String) }),
      expect.objectContaining({ line: 5 }),
    ]);
    for (const q of result.quarantined) expect(validateQuarantined(q)).toBe(true);
  });

  it('reads gzip (several members, as AWS writes) and CRLF files the same as plain ones', async () => {
    const plain = good.join('\n');
    const gz = Buffer.concat([
      gzipSync(good.slice(0, 3).join('\r\n') + '\r\n'),
      gzipSync(good.slice(3).join('\r\n')),
    ]);
    expect(await parseAll(gz)).toEqual(await parseAll(Buffer.from(plain)));
    expect((await parseAll(gz)).calls).toBe(good.length);
  });

  it('quarantines a line over 64 KiB without buffering it whole', async () => {
    const huge = 'x'.repeat(MAX_LINE * 3);
    const result = await parseAll(Buffer.from(`${good[0]}\n${huge}\n${good[1]}`));
    expect(result.calls).toBe(2);
    expect(result.quarantined).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringMatching(/too long/) }),
    ]);
  });

  it('redacts query values in quarantined lines', async () => {
    const line = bad[2]!.replace('https://x.example.com/', 'https://x.example.com/?password=hunter2&b=1');
    const result = await parseAll(Buffer.from(line));
    expect(JSON.stringify(result.quarantined)).not.toContain('hunter2');
  });

  it('never throws and never loses a line, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(...good, ...bad)), { maxLength: 30 }),
        async (lines) => {
          const result = await parseAll(Buffer.from(lines.join('\n')));
          const nonEmpty = lines
            .join('\n')
            .split('\n')
            .filter((l) => l.trim() !== '').length;
          expect(result.lines).toBe(nonEmpty);
          expect(result.calls + result.quarantined.length).toBe(result.lines);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('parseLog format detection beyond AWS', () => {
  it('recognises nginx/Apache combined and Envoy lines, and reads shipper records through logKey', async () => {
    const nginx = fixtureLines('nginx', 'combined.log');
    const envoy = fixtureLines('envoy', 'default.log');
    const read = async (lines: string[], logKey?: string) => {
      const out = [];
      for await (const batch of parseLog(
        (async function* () {
          yield lines;
        })(),
        { format: 'auto', defaultHost: 'h.example.com', ...(logKey !== undefined && { logKey }) },
      ))
        out.push(...batch.calls.map((c) => c.source), ...batch.quarantined.map((q) => q.reason));
      return out;
    };

    expect(await read(nginx.slice(0, 2))).toEqual(['nginx', 'nginx']);
    expect(await read(envoy.slice(0, 2))).toEqual(['envoy', 'envoy']);
    const wrapped = nginx.slice(0, 2).map((log) => JSON.stringify({ date: 1714564800.1, log: `${log}\n` }));
    expect(await read([...wrapped, '{"date":1}'], 'log')).toEqual([
      'nginx',
      'nginx',
      'record has no string "log" field (log_key)',
    ]);
  });
});
