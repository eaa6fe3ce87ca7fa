// Progress on a terminal (count, rate, ETA) with cli-progress; silent when stderr is not a TTY, so
// logs and pipes stay clean.
import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  update(done: number, total: number, failed?: number): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

export function progressBar(label: string, { enabled = !!process.stderr.isTTY } = {}): Progress {
  if (!enabled) return SILENT;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}{failedText}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(done, total, failed = 0) {
      const rate = (done / Math.max(1e-3, (Date.now() - started) / 1000)).toFixed(2);
      const payload = { rate, failedText: failed ? ` | ${failed} failed` : '' };
      if (!running) {
        bar.start(total, done, payload);
        running = true;
      } else bar.update(done, payload);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
