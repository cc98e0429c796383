import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** One task's progress: advance it, then finish it. */
export interface ProgressTask {
  /** Moves the task forward by `by` units (default 1); `detail` replaces its status text. */
  tick(by?: number, detail?: string): void;
  /** Marks the task done. */
  done(detail?: string): void;
}

/** Reports progress of long work: bars on a terminal, plain lines in logs and CI. */
export interface ProgressReporter {
  /** Starts a task of `total` units named `name`. */
  start(name: string, total: number): ProgressTask;
  /** Prints a line without breaking the bars (on a terminal it goes above them). */
  log(line: string): void;
  /** Stops drawing (call before printing a final summary). */
  stop(): void;
}

/** Where progress goes and whether it is an interactive terminal. */
export interface ProgressOptions {
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Force plain lines (true) or bars (false); default: plain when not a TTY or when CI is set. */
  plain?: boolean;
  /** Print nothing at all. */
  silent?: boolean;
}

/** Whether progress should be plain lines: not a TTY, or running in CI. */
export function prefersPlainProgress(stream: NodeJS.WritableStream = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  const isTty = (stream as NodeJS.WriteStream).isTTY === true;
  return !isTty || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false');
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** Plain-line reporter: one line at start, at each tenth of the way, and at the end; nothing redrawn. */
class LineProgress implements ProgressReporter {
  constructor(private readonly out: NodeJS.WritableStream) {}

  start(name: string, total: number): ProgressTask {
    const out = this.out;
    const began = Date.now();
    let value = 0;
    let lastDecile = -1;
    out.write(`[${name}] started (${total} steps)\n`);
    return {
      tick(by = 1, detail?: string) {
        value = Math.min(total, value + by);
        const decile = total > 0 ? Math.floor((value / total) * 10) : 10;
        if (decile !== lastDecile && decile < 10) {
          lastDecile = decile;
          const eta = value > 0 ? ((Date.now() - began) / value) * (total - value) : 0;
          out.write(`[${name}] ${value}/${total}${detail ? ` ${detail}` : ''} (eta ${formatSeconds(eta)})\n`);
        }
      },
      done(detail?: string) {
        out.write(`[${name}] done in ${formatSeconds(Date.now() - began)}${detail ? ` - ${detail}` : ''}\n`);
      },
    };
  }

  log(line: string): void {
    this.out.write(`${line}\n`);
  }

  stop(): void {}
}

/** Terminal reporter drawing one bar per task with cli-progress. */
class BarProgress implements ProgressReporter {
  private readonly multi: MultiBar;

  constructor(stream: NodeJS.WritableStream) {
    this.multi = new MultiBar(
      {
        stream: stream as NodeJS.WriteStream,
        format: ' {bar} {percentage}% | {name} | {value}/{total} | eta {eta_formatted} | {detail}',
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
      },
      Presets.shades_classic,
    );
  }

  start(name: string, total: number): ProgressTask {
    const bar: SingleBar = this.multi.create(total, 0, { name, detail: '' });
    return {
      tick: (by = 1, detail?: string) => bar.increment(by, detail === undefined ? {} : { detail }),
      done: (detail?: string) => bar.update(total, { detail: detail ?? 'done' }),
    };
  }

  log(line: string): void {
    this.multi.log(`${line}\n`);
  }

  stop(): void {
    this.multi.stop();
  }
}

class SilentProgress implements ProgressReporter {
  start(): ProgressTask {
    return { tick() {}, done() {} };
  }
  log(): void {}
  stop(): void {}
}

/** Creates the right reporter for the output stream (bars on a TTY, lines otherwise). */
export function createProgressReporter(options: ProgressOptions = {}): ProgressReporter {
  if (options.silent) return new SilentProgress();
  const stream = options.stream ?? process.stderr;
  const plain = options.plain ?? prefersPlainProgress(stream);
  return plain ? new LineProgress(stream) : new BarProgress(stream);
}
