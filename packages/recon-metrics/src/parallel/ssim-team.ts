// A team of worker threads that computes the column strips of one SSIM job together with the
// calling thread, on one shared WebAssembly memory. Dispatch is by Atomics on control words in
// that memory, not by messages: a 720p frame takes milliseconds, and a message round trip per
// frame would cost a measurable share of that. Each thread claims the next strip from a shared
// counter (so a slow thread takes fewer), writes its sums into that strip's own slot, and the
// caller adds the slots in strip order: the result does not depend on the thread count.
import { Worker } from 'node:worker_threads';
import { CONTROL_OFFSET, P, PARAMS_COUNT, PARAMS_OFFSET, runStrip, type StripRunner } from '../kernels/ssim-strips';
import { metricsKernels, type MetricsKernels } from '../kernels/wasm-kernels';

/** Control words (Int32 indices at CONTROL_OFFSET). */
const GENERATION = 0; // bumped by the caller to start a job (and to wake workers that must stop)
const NEXT_STRIP = 1; // the next unclaimed strip
const FINISHED = 2; // workers done with the current job
const FAILED = 3; // set by a worker whose kernel threw
const LIVE_TEAM = 4; // id of the team whose workers may run; workers of any other team exit

/** The calling thread plus `threads - 1` workers sharing its kernel memory. */
export interface SsimTeam {
  readonly threads: number;
  readonly kernels: MetricsKernels;
  /** Computes every strip of the job prepared in kernel memory, blocking until all are done. */
  readonly run: StripRunner;
  /** Stops the workers. */
  close(): Promise<void>;
}

// Plain JavaScript (no TypeScript hooks needed in the worker): instantiate the module on the
// shared memory, then wait for jobs; the strip arithmetic is runStrip's in ssim-strips.ts.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, slot, team } = workerData;
const e = new WebAssembly.Instance(module, { env: { memory } }).exports;
const kernel = (radius, channels) => e[radius === 5 ? 'ssim_c' + channels : 'ssim_r' + radius + '_c' + channels];
const P = ${JSON.stringify(P)};
let seen = workerData.generation;
for (;;) {
  const ctl = new Int32Array(memory.buffer, ${CONTROL_OFFSET}, 16);
  Atomics.wait(ctl, ${GENERATION}, seen);
  seen = Atomics.load(ctl, ${GENERATION});
  if (Atomics.load(ctl, ${LIVE_TEAM}) !== team) break;
  try {
    const p = new Float64Array(memory.buffer, ${PARAMS_OFFSET}, ${PARAMS_COUNT});
    const run = kernel(p[P.radius], p[P.channels]);
    for (let k = Atomics.add(ctl, ${NEXT_STRIP}, 1); k < p[P.strips]; k = Atomics.add(ctl, ${NEXT_STRIP}, 1)) {
      const s0 = p[P.start] + k * p[P.stripWidth];
      const s1 = Math.min(p[P.end], s0 + p[P.stripWidth]);
      run(p[P.x], p[P.y], p[P.u8], p[P.rowLen], 0, p[P.outRows], s0, s1, p[P.scratch] + slot * p[P.scratchStride], p[P.results] + 16 * k,
        p[P.w0], p[P.w0 + 1], p[P.w0 + 2], p[P.w0 + 3], p[P.w0 + 4], p[P.w0 + 5], p[P.c1], p[P.c2], p[P.cov]);
    }
  } catch (error) {
    Atomics.store(ctl, ${FAILED}, 1);
  }
  Atomics.add(ctl, ${FINISHED}, 1);
  Atomics.notify(ctl, ${FINISHED});
}
`;

let current: SsimTeam | undefined;
let teams = 0;

/** Creates a team of `threads` (the caller counts as one) on this thread's kernel memory. */
export function createSsimTeam(threads: number): SsimTeam {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const kernels = metricsKernels();
  if (!kernels) throw new Error('the SSIM team needs WebAssembly SIMD and shared memory');
  const control = () => new Int32Array(kernels.memory.buffer, CONTROL_OFFSET, 16);
  // one team per memory at a time: a new one retires the workers of any other
  const team = ++teams;
  current = undefined;
  Atomics.store(control(), LIVE_TEAM, team);
  const bump = () => {
    const ctl = control();
    Atomics.add(ctl, GENERATION, 1);
    Atomics.notify(ctl, GENERATION);
  };
  bump();
  const workers: Worker[] = [];
  for (let slot = 1; slot < threads; slot++) {
    const generation = Atomics.load(control(), GENERATION);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: kernels.module, memory: kernels.memory, slot, team, generation } });
    // idle workers block in Atomics.wait; they must not keep the process alive
    worker.unref();
    workers.push(worker);
  }
  const run: StripRunner = (k, strips) => {
    const ctl = control();
    Atomics.store(ctl, NEXT_STRIP, 0);
    Atomics.store(ctl, FINISHED, 0);
    Atomics.store(ctl, FAILED, 0);
    if (Atomics.load(ctl, LIVE_TEAM) !== team) throw new Error('this SSIM team was closed');
    bump();
    const params = new Float64Array(k.memory.buffer, PARAMS_OFFSET, PARAMS_COUNT);
    for (let s = Atomics.add(ctl, NEXT_STRIP, 1); s < strips; s = Atomics.add(ctl, NEXT_STRIP, 1)) runStrip(k, params, s, 0);
    // every worker reports, even one that found no strip left, so the next job starts clean
    for (let done = Atomics.load(ctl, FINISHED); done < workers.length; done = Atomics.load(ctl, FINISHED)) Atomics.wait(ctl, FINISHED, done, 1000);
    if (Atomics.load(ctl, FAILED)) throw new Error('an SSIM worker thread failed');
  };
  return {
    threads,
    kernels,
    run,
    async close() {
      if (Atomics.compareExchange(control(), LIVE_TEAM, team, 0) === team) bump();
      // ref() while waiting: an unref'd worker's exit would not keep the event loop (and this await) alive
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              if (w.threadId === -1) return resolve();
              w.ref();
              w.once('exit', () => resolve());
            }),
        ),
      );
      if (current?.run === run) current = undefined;
    },
  };
}

/** This thread's team of `threads`, started on first use and replaced when the count changes. */
export function ssimTeam(threads: number): SsimTeam {
  if (current && current.threads === threads) return current;
  const previous = current;
  current = createSsimTeam(threads);
  void previous?.close();
  return current;
}

/** Stops the worker threads of the SSIM team, if any. */
export async function closeSsimThreads(): Promise<void> {
  const team = current;
  current = undefined;
  await team?.close();
}
