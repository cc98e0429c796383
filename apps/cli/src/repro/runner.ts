import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readResultDocument, writeResultDocument, removePendingTemporaryFiles, isEvalkitError, type ResultDocument } from '@evalkit/core';
import type { ProgressReporter } from '../shared/progress';

/** What a step gets to work with. */
export interface StepContext {
  runDir: string;
  seed: number;
  progress: ProgressReporter;
  /** Documents written by earlier steps of this run, by step id. */
  previous: Map<string, ResultDocument[]>;
}

/** One step of the main job: a pure function of its config that yields result documents. */
export interface ReproStep {
  id: string;
  title: string;
  /** The part of the profile this step depends on; a change re-runs the step. */
  config: Record<string, unknown>;
  /** Rough expected duration on a 2-core laptop: weights the progress bar so its time estimate means something. */
  expectedSeconds: number;
  /** File names (inside the run folder) of the documents the step writes, in the order run() returns them. */
  outputs: string[];
  run(ctx: StepContext): Promise<ResultDocument[]>;
}

/** How one step ended. */
export type StepOutcome =
  | { id: string; state: 'ran'; seconds: number; files: string[] }
  | { id: string; state: 'skipped'; files: string[] }
  | { id: string; state: 'failed'; seconds: number; error: string };

/** Stable short hash of a JSON-able value (key order does not matter). */
export function configHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
      : Array.isArray(v)
        ? v.map(canonical)
        : v;
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex').slice(0, 12);
}

/** The documents a previous run left for this step, if all exist and were made with the same config. */
function reusable(step: ReproStep, runDir: string, key: string): ResultDocument[] | undefined {
  const docs: ResultDocument[] = [];
  for (const name of step.outputs) {
    const path = join(runDir, name);
    if (!existsSync(path)) return undefined;
    try {
      const doc = readResultDocument(path);
      if (doc.config.reproStepKey !== key) return undefined;
      docs.push(doc);
    } catch {
      return undefined; // unreadable leftovers are recomputed, never trusted
    }
  }
  return docs;
}

/**
 * Runs the steps in order, writing each step's documents atomically as soon as it finishes, so an
 * interrupted run keeps every finished step and a rerun resumes after it. A failing step is
 * recorded and the run goes on: the report then says which sections are missing.
 */
export async function runSteps(
  steps: ReproStep[],
  options: { runDir: string; seed: number; force: boolean; progress: ProgressReporter; log: (line: string) => void },
): Promise<{ outcomes: StepOutcome[]; documents: Map<string, ResultDocument[]> }> {
  const previous = new Map<string, ResultDocument[]>();
  const outcomes: StepOutcome[] = [];
  // One bar for the whole job, advanced by each step's expected seconds, so the bar's estimate of
  // the time left is in seconds of work, not in steps of very different lengths.
  const weight = (step: ReproStep) => Math.max(1, Math.round(step.expectedSeconds));
  const task = options.progress.start('repro', steps.reduce((sum, step) => sum + weight(step), 0));
  for (const [i, step] of steps.entries()) {
    const key = configHash({ step: step.id, seed: options.seed, config: step.config });
    const label = `${i + 1}/${steps.length} ${step.title}`;
    const existing = options.force ? undefined : reusable(step, options.runDir, key);
    if (existing) {
      previous.set(step.id, existing);
      task.tick(weight(step), `${step.id} skipped`);
      options.log(`[${label}] skipped: results for this configuration exist (use --force to recompute)`);
      outcomes.push({ id: step.id, state: 'skipped', files: step.outputs });
      continue;
    }
    const began = performance.now();
    task.tick(0, `${step.id} running`);
    try {
      const docs = await step.run({ runDir: options.runDir, seed: options.seed, progress: options.progress, previous });
      if (docs.length !== step.outputs.length) throw new Error(`step ${step.id} produced ${docs.length} documents, expected ${step.outputs.length}`);
      docs.forEach((doc, j) => {
        doc.config = { ...doc.config, reproStepKey: key };
        writeResultDocument(join(options.runDir, step.outputs[j]), doc);
      });
      previous.set(step.id, docs);
      const seconds = (performance.now() - began) / 1000;
      task.tick(weight(step), `${step.id} done`);
      options.log(`[${label}] done in ${seconds.toFixed(1)} s`);
      outcomes.push({ id: step.id, state: 'ran', seconds, files: step.outputs });
    } catch (error) {
      const seconds = (performance.now() - began) / 1000;
      const message = isEvalkitError(error) ? `[${error.code}] ${error.message}` : String((error as Error)?.message ?? error);
      task.tick(weight(step), `${step.id} failed`);
      options.log(`[${label}] FAILED after ${seconds.toFixed(1)} s: ${message}`);
      outcomes.push({ id: step.id, state: 'failed', seconds, error: message });
    }
  }
  task.done();
  return { outcomes, documents: previous };
}

/**
 * Makes Ctrl-C stop the run at once and cleanly: every file is written through a temporary file
 * and a rename, so removing the pending temporary files is all that is left to do; finished steps
 * stay and a rerun resumes after them.
 */
export function installInterruptHandler(log: (line: string) => void, children: Set<{ kill(signal?: NodeJS.Signals): boolean }> = new Set()): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    for (const child of children) child.kill('SIGTERM');
    removePendingTemporaryFiles();
    log(`\ninterrupted by ${signal}: finished steps are kept, nothing is half-written; rerun the same command to resume`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  // Prepended so it runs before the CLI's generic handler (which would exit without stopping children).
  process.prependOnceListener('SIGINT', onSignal);
  process.prependOnceListener('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
