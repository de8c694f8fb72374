/** A progress bar on stderr, only for a person at a terminal and only once a run takes a while. */
import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  update(bytes: number): void;
  stop(): void;
}

const SHOW_AFTER_MS = 1000;

/** `label` names the unit of work: `reading` (bytes, the default) or `scanning` (hosts). */
export function startProgress(totalBytes: number, label = 'reading'): Progress {
  if (!process.stderr.isTTY || totalBytes === 0) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  let bar: SingleBar | undefined;
  return {
    update(bytes) {
      if (bar === undefined && Date.now() - started < SHOW_AFTER_MS) return;
      if (bar === undefined) {
        bar = new SingleBar(
          { stream: process.stderr, format: `${label} {bar} {percentage}% | {eta_formatted} left` },
          Presets.shades_classic,
        );
        bar.start(totalBytes, 0);
      }
      bar.update(Math.min(bytes, totalBytes));
    },
    stop() {
      bar?.stop();
    },
  };
}
