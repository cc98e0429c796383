import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_CODES, EvalkitError, readResultDocument } from '@evalkit/core';
import type { ReproProfile } from './profile';
import type { ReproStep, StepContext } from './runner';
import { buildZooModel } from '@evalkit/decoder-zoo';
import { REPO_ROOT } from '../shared/context';
import { latentFramesFor } from '../shared/zoo-frames';

const BIN = resolve(__dirname, '../../bin/evalkit.js');

/** Child processes of the running step, so that Ctrl-C can stop them too. */
export const RUNNING_CHILDREN = new Set<ChildProcess>();

/**
 * Runs one evalkit command in a child process. Each step speaks to the next only through the
 * result documents the command writes, exactly as a user's own runs would; a child also gives
 * each benchmark a clean process (its own peak memory, no JIT state from earlier steps).
 */
export async function runEvalkit(args: string[], ctx: StepContext, logName: string): Promise<void> {
  mkdirSync(join(ctx.runDir, 'logs'), { recursive: true });
  const logPath = join(ctx.runDir, 'logs', `${logName}.log`);
  const fd = openSync(logPath, 'w');
  try {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', fd, fd], env: { ...process.env, CI: process.env.CI ?? 'true' } });
    RUNNING_CHILDREN.add(child);
    const code = await new Promise<number | null>((ok) => child.once('exit', (c) => ok(c)));
    RUNNING_CHILDREN.delete(child);
    if (code !== 0) {
      throw new EvalkitError(ERROR_CODES.RUNTIME, `evalkit ${args.slice(0, 2).join(' ')} exited with ${code}; see the log`, { file: logPath });
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads back the documents a step's commands wrote. */
function documents(ctx: StepContext, names: string[]) {
  return names.map((name) => readResultDocument(join(ctx.runDir, name)));
}

/**
 * Expected seconds of the decoder benchmarks: their multiply-accumulates (counted on shape-only
 * graphs, no weights) at ~120 GFLOP/s, the order of a 2-core laptop CPU, plus process start-up.
 */
export function expectedDecoderSeconds(profile: ReproProfile): number {
  const d = profile.decoders;
  const models = [...new Set(d.pairs.flat())];
  const macs = models.reduce((sum, name) => {
    const build = buildZooModel(name, { height: d.height, width: d.width, latentFrames: latentFramesFor(name, d.frames), widthMult: d.widthMult, materializeWeights: false });
    return sum + build.macs;
  }, 0);
  return 3 + models.length * 2 + ((d.maxRuns + d.warmup) * 2 * macs) / 120e9;
}

/** The steps of `evalkit repro` for a profile, in order. The report is rendered after them. */
export function reproSteps(profile: ReproProfile): ReproStep[] {
  const seed = String(profile.seed);
  const models = [...new Set(profile.decoders.pairs.flat())];
  const clip = join(REPO_ROOT, 'fixtures/clip');
  const study = join(REPO_ROOT, 'fixtures/htp/synthetic-study');
  return [
    {
      id: 'zoo-sizes',
      title: 'decoder zoo sizes (parameters, MACs) next to the paper',
      config: profile.zoo,
      expectedSeconds: 1,
      outputs: ['zoo-sizes.json'],
      async run(ctx) {
        await runEvalkit(['zoo', 'list', '--height', String(profile.zoo.height), '--width', String(profile.zoo.width), '--out', join(ctx.runDir, 'zoo-sizes.json')], ctx, 'zoo-sizes');
        return documents(ctx, this.outputs);
      },
    },
    {
      id: 'kernel-bench',
      title: `kernel microbenchmarks (${profile.kernels.preset} preset)`,
      config: profile.kernels,
      expectedSeconds: profile.kernels.preset === 'smoke' ? 6 : 300,
      outputs: ['kernel-bench.json'],
      async run(ctx) {
        const args = ['bench', 'kernels', '--preset', profile.kernels.preset, '--time-budget', String(profile.kernels.timeBudgetMs), '--seed', seed];
        await runEvalkit([...args, '--out', join(ctx.runDir, 'kernel-bench.json')], ctx, 'kernel-bench');
        return documents(ctx, this.outputs);
      },
    },
    {
      id: 'decoder-bench',
      title: `decoder benchmarks, ${profile.decoders.pairs.length} baseline/Turbo pairs at ${profile.decoders.height}x${profile.decoders.width}`,
      config: profile.decoders,
      expectedSeconds: expectedDecoderSeconds(profile),
      outputs: ['decoder-bench.json'],
      async run(ctx) {
        const d = profile.decoders;
        const args = ['bench', 'decoders', '--models', models.join(','), '--height', String(d.height), '--width', String(d.width), '--frames', String(d.frames)];
        args.push('--min-runs', String(d.minRuns), '--max-runs', String(d.maxRuns), '--max-time', String(d.maxTimeS), '--target-ci', String(d.targetCi), '--warmup', String(d.warmup), '--width-mult', String(d.widthMult), '--seed', seed);
        await runEvalkit([...args, '--out', join(ctx.runDir, 'decoder-bench.json')], ctx, 'decoder-bench');
        return documents(ctx, this.outputs);
      },
    },
    {
      id: 'codec',
      title: 'embedded codec: encode and decode the fixture clip, PSNR, SSIM, flicker (the clip is 128x128: too small for MS-SSIM)',
      config: profile.codec,
      expectedSeconds: 3,
      outputs: ['recon-metrics.json'],
      async run(ctx) {
        const work = join(ctx.runDir, 'codec');
        rmSync(work, { recursive: true, force: true });
        await runEvalkit(['encode', '--clip', clip, '--out', join(work, 'latents.npy')], ctx, 'codec-encode');
        await runEvalkit(['decode', '--model', 'codec', '--latents', join(work, 'latents.npy'), '--out', join(work, 'embedded-codec')], ctx, 'codec-decode');
        await runEvalkit(['metrics', '--ref', clip, '--test', join(work, 'embedded-codec'), '--metrics', 'psnr,ssim,flicker', '--out', join(ctx.runDir, 'recon-metrics.json')], ctx, 'codec-metrics');
        return documents(ctx, this.outputs);
      },
    },
    {
      id: 'htp',
      title: 'PsyDraw Table 1 and agreement on the synthetic study',
      config: profile.htp,
      expectedSeconds: 3 + profile.htp.bootstrap / 10000,
      outputs: ['htp/htp-consistency.json', 'htp/agreement.json'],
      async run(ctx) {
        // Table 1 from the teachers' ratings (one per report, as in the paper); agreement between
        // the teacher and a second rater on the same reports.
        const args = ['htp', 'evaluate', '--outputs', join(study, 'outputs.jsonl'), '--labels', join(study, 'labels.csv')];
        args.push('--group-by', profile.htp.groupBy, '--bootstrap', String(profile.htp.bootstrap), '--seed', seed);
        await runEvalkit([...args, '--out', join(ctx.runDir, 'htp')], ctx, 'htp-evaluate');
        const agreement = ['agreement', '--ratings', join(study, 'labels-two-raters.csv'), '--levels', 'Low,Moderate,High', '--scale', 'ordinal'];
        await runEvalkit([...agreement, '--out', join(ctx.runDir, 'htp', 'agreement.json')], ctx, 'htp-agreement');
        return documents(ctx, this.outputs);
      },
    },
  ];
}
