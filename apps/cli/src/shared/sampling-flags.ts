import { Command, InvalidArgumentError } from 'commander';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { SamplingOptions } from '@evalkit/bench';
import { nonNegativeInt, positiveInt, positiveNumber } from './parse';

/** commander parser for --target-ci: a fraction (0.05) or a percentage (5%). */
export function relativeWidth(value: string): number {
  const m = /^\s*([\d.]+)\s*(%?)\s*$/.exec(value);
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new InvalidArgumentError(`expected a relative half-width such as 0.05 or 5%, got "${value}"`);
  return n;
}

/** The adaptive-sampling flags as commander parses them. */
export interface SamplingFlags {
  runs?: number;
  minRuns: number;
  maxRuns: number;
  maxTime: number;
  targetCi: number;
  warmup: number;
}

/** Adds --runs, --min-runs, --max-runs, --max-time, --target-ci and --warmup with these defaults. */
export function addSamplingFlags(cmd: Command, defaults: { minRuns: number; maxRuns: number; maxTimeS: number; warmup: number }): Command {
  return cmd
    .option('--min-runs <n>', 'timed runs always taken', positiveInt, defaults.minRuns)
    .option('--max-runs <n>', 'timed runs never exceeded', positiveInt, defaults.maxRuns)
    .option('--max-time <s>', 'time budget of the timed runs in seconds (checked after each round, once --min-runs are done)', positiveNumber, defaults.maxTimeS)
    .option('--target-ci <x>', "stop once the median's 95% interval is within ± this of the median (0.05 or 5%)", relativeWidth, 0.05)
    .option('--runs <n>', 'exactly this many timed runs (sets --min-runs and --max-runs)', positiveInt)
    .option('--warmup <n>', 'untimed runs before timing', nonNegativeInt, defaults.warmup);
}

/** Turns the flags into SamplingOptions, refusing --min-runs above --max-runs. */
export function samplingOptions(flags: SamplingFlags): SamplingOptions {
  const minRuns = flags.runs ?? flags.minRuns;
  const maxRuns = flags.runs ?? flags.maxRuns;
  if (minRuns > maxRuns) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `--min-runs (${minRuns}) is above --max-runs`, { field: '--max-runs', value: maxRuns });
  return { minRuns, maxRuns, maxTimeMs: flags.maxTime * 1000, targetCi: flags.targetCi, warmup: flags.warmup };
}
