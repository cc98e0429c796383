import { Command } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import { renderReport } from '@evalkit/report';
import { describeProfile, loadProfile, type ReproProfile } from '../repro/profile';
import { configHash, installInterruptHandler, runSteps } from '../repro/runner';
import { reproSteps, RUNNING_CHILDREN } from '../repro/steps';
import { reproSummary } from '../repro/summary';
import { REPO_ROOT } from '../shared/context';
import { printJson } from '../shared/output';
import { nonNegativeInt } from '../shared/parse';

interface ReproOptions {
  profile: string;
  out: string;
  force?: boolean;
  seed?: number;
  json?: boolean;
}

/** Folder of a run: stable for the same profile, so a rerun finds and reuses finished steps. */
export function runId(profile: ReproProfile): string {
  return `${profile.name}-${configHash(profile)}`;
}

/** Registers `evalkit repro`. */
export function registerRepro(program: Command): void {
  program
    .command('repro')
    .description('the main job: reproduce both papers\' tables end to end on embedded defaults and write a report')
    .option('--profile <name|file>', 'smoke (minutes on a laptop), paper (the papers\' sizes: long), or a JSON profile file', 'smoke')
    .option('--out <dir>', 'parent folder of the run folder', join(REPO_ROOT, 'reports'))
    .option('--seed <n>', 'override the profile\'s seed', nonNegativeInt)
    .option('--force', 'recompute every step even when its results exist for this configuration')
    .option('--json', 'print the run summary as JSON')
    .addHelpText(
      'after',
      `
Steps (each writes a result document into reports/<run-id>/; the report is built from them):
  1. zoo-sizes      parameters and MACs of every decoder, next to the paper's
  2. kernel-bench   upsampling kernels: interpolate+conv against pixel shuffle, with device ceilings
  3. decoder-bench  each baseline/Turbo-VAED pair decoded with onnxruntime: FPS, speedup vs the paper's
  4. codec          the embedded codec's round trip of the fixture clip: PSNR, SSIM, MS-SSIM, flicker
  5. htp            PsyDraw Table 1 on the synthetic study, with Wilson/bootstrap intervals; agreement
  6. report         index.html, figures (Vega-Lite, SVG, PNG), tables (Markdown, CSV, LaTeX)

The run folder is named after the profile and a hash of its settings, so running the same command
again skips finished steps (use --force to recompute); Ctrl-C stops at once, keeps finished steps and
leaves nothing half-written. The same seed gives the same documents apart from timings.

Profile files are JSON, validated; they extend "smoke" (or "paper" with "extends": "paper") and set
any part, e.g.  {"decoders": {"height": 128, "width": 128}, "kernels": {"timeBudgetMs": 50}}
Fields: name, seed, steps[], zoo{height,width}, kernels{preset,timeBudgetMs},
decoders{pairs,height,width,frames,widthMult,runs,warmup}, codec{enabled}, htp{bootstrap,groupBy}.

Examples:
  npm start                                 same as: evalkit repro --profile smoke
  evalkit repro --profile paper --out /data/runs
  evalkit repro --profile my-profile.json --force`,
    )
    .action(async (opts: ReproOptions) => {
      const base = loadProfile(opts.profile);
      const profile: ReproProfile = opts.seed === undefined ? base : { ...base, seed: opts.seed };
      const runDir = resolve(opts.out, runId(profile));
      mkdirSync(runDir, { recursive: true });
      const progress = createProgressReporter();
      const log = (line: string) => progress.log(line);
      const uninstall = installInterruptHandler(log, RUNNING_CHILDREN);
      const began = performance.now();
      writeFileAtomic(join(runDir, 'profile.json'), `${JSON.stringify(profile, null, 2)}\n`);
      const steps = reproSteps(profile).filter((s) => (profile.steps as string[]).includes(s.id) && (s.id !== 'codec' || profile.codec.enabled));
      log(`evalkit repro: profile ${profile.name}, seed ${profile.seed}, run folder ${relative(process.cwd(), runDir) || '.'}`);
      log(describeProfile(profile));
      const { outcomes, documents } = await runSteps(steps, { runDir, seed: profile.seed, force: opts.force === true, progress, log });
      const reportTask = progress.start('report', 1);
      const report = await renderReport({ runDirs: [runDir], outDir: runDir, force: true });
      reportTask.done(`${report.figures.length} figures, ${report.tables.length} tables`);
      progress.stop();
      uninstall();
      const summary = reproSummary({ runDir, profile, outcomes, documents, indexHtml: report.indexHtml, missingSections: report.missingSections, seconds: (performance.now() - began) / 1000 });
      if (opts.json) printJson(summary.json);
      else process.stdout.write(`${summary.text}\n`);
      if (!existsSync(report.indexHtml) || outcomes.some((o) => o.state === 'failed')) process.exitCode = 1;
    });
}
