/** Runs the benchmark estate in its own process: prints `{ targets, caPem, kinds }` as one JSON line, then serves until killed. */
import { startBenchEstate } from './bench-estate.ts';

const estate = await startBenchEstate(Number(process.argv[2] ?? 1000));
process.stdout.write(
  `${JSON.stringify({ targets: estate.targets, caPem: estate.caPem, kinds: estate.kinds })}\n`,
);
process.once('SIGTERM', () => void estate.close().then(() => process.exit(0)));
