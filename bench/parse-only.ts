/**
 * The ALB line parser alone (`parseAlbLine` + `boundParsedCall`, what every forwarder and
 * `parseLog` run per line) over the realistic corpus `bench/throughput.ts` writes. Lines are read
 * first; the clock is the process's CPU time while parsing only (the machine is shared).
 *
 *   tsx bench/throughput.ts --lines 500000   # once, writes the corpus
 *   tsx bench/parse-only.ts [--file F] [--lines N] [--rounds N]
 */
import { Command } from 'commander';
import { parseAlbLine } from '#shared/logs/alb';
import { boundParsedCall } from '#shared/logs/bound-call';
import { readLineBatches } from '#shared/logs/read-lines';

const options = new Command()
  .option('--file <path>', 'ALB log (plain or gzip)', 'bench/out/alb-300-500000.log')
  .option('--lines <n>', 'lines read from it', (v) => Number.parseInt(v, 10), 200_000)
  .option('--rounds <n>', 'rounds (the best is reported)', (v) => Number.parseInt(v, 10), 5)
  .parse()
  .opts<{ file: string; lines: number; rounds: number }>();

const lines: string[] = [];
for await (const batch of readLineBatches(options.file)) {
  for (const line of batch) if (lines.length < options.lines) lines.push(line);
  if (lines.length >= options.lines) break;
}

let best = 0;
let parsed = 0;
for (let round = 0; round < options.rounds; round++) {
  parsed = 0;
  const clock = process.cpuUsage();
  for (const line of lines) {
    const outcome = parseAlbLine(line);
    if (outcome.ok) {
      boundParsedCall(outcome.call);
      parsed++;
    }
  }
  const used = process.cpuUsage(clock);
  best = Math.max(best, lines.length / ((used.user + used.system) / 1e6));
}
console.log(
  `parse only: ${Math.round(best).toLocaleString('en')} lines per CPU-second (${parsed} of ${lines.length} parsed, best of ${options.rounds})`,
);
