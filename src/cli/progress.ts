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

/** Progress hooks for a study run: one bar per named step, step lines prefixed with `label`; silent off a TTY. */
export function studyProgress(label: string, enabled: boolean): { log: (line: string) => void; progress: (step: string, done: number, total: number) => void; stop: () => void } {
  const bars = new Map<string, Progress>();
  return {
    log: (line) => {
      if (enabled) process.stderr.write(`${label}: ${line}\n`);
    },
    progress: (step, done, total) => {
      if (!enabled) return;
      if (!bars.has(step)) bars.set(step, progressBar(step, { enabled: true }));
      bars.get(step)!.update(done, total);
      if (done === total) bars.get(step)!.stop();
    },
    stop: () => bars.forEach((b) => b.stop()),
  };
}
