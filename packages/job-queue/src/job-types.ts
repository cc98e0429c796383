/** The benchmark commands a queue carries to a labelled device. */
export const BENCH_COMMANDS = ['kernels', 'decoders'] as const;

/** `bench kernels` or `bench decoders`. */
export type BenchCommand = (typeof BENCH_COMMANDS)[number];

/** A pair to evaluate: anything with a unique id (the dataset manifest's pair: id, ref, test). */
export interface QueuedPair {
  id: string;
}

/** What a pair job carries: the pair and the run's evaluation config (the same for every pair of a run). */
export interface PairJobData<P extends QueuedPair = QueuedPair, C = unknown> {
  /** The producer run the job belongs to. */
  run: string;
  pair: P;
  config: C;
}

/** What a benchmark job carries: the command and its flags, run as `evalkit bench <command> ...args` on the device. */
export interface BenchJobData {
  command: BenchCommand;
  /** The command's flags as the producer was given them, without --queue, --device, --out and --json. */
  args: string[];
  /** The device label the job is meant for (also in the queue's name). */
  device: string;
}

/** What a benchmark job returns: the result document the command wrote, its exit status and its last words. */
export interface BenchJobResult {
  /** The parsed result document, or null when the command wrote none. */
  document: unknown;
  exitCode: number;
  /** The end of the command's stderr (the error message when it failed). */
  stderrTail: string;
  /** The name of the worker that ran it. */
  worker: string;
}
