import { Command, InvalidArgumentError, Option } from 'commander';
import { createResultDocument, ERROR_CODES, EvalkitError, PAPER_DIR, readPaperValues, stageOutputFolder, writeResultDocument } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import {
  agreementRows,
  DEFAULT_RUBRIC,
  evaluateStudy,
  readLabelFile,
  readOutputs,
  validateRubric,
  writeConsistencyTables,
  type ConsistencyRow,
  type ConsistencyRubric,
  type DenominatorPolicy,
  type PaperTable,
  type StudyEvaluation,
} from '@evalkit/htp-agreement';
import { join } from 'node:path';
import { cliManifest } from '../shared/context';
import { formatTable, jsonText } from '../shared/output';
import { nonNegativeInt } from '../shared/parse';
import { formatAgreement } from './agreement';

/** The paper's Table 1, from core's one reader of the papers' values. */
function paperTable(): PaperTable {
  const paper = readPaperValues().psydraw;
  if (!paper) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'paper reference values not found', { file: join(PAPER_DIR, 'psydraw.json') });
  return { source: paper.source, percent: paper.percent, warningPercent: paper.warningShare?.percent ?? null };
}

/** Options of `evalkit htp evaluate`. */
interface EvaluateOptions {
  outputs: string;
  labels: string;
  groupBy?: string;
  denominator: DenominatorPolicy;
  seed: number;
  bootstrap: number;
  rubric: ConsistencyRubric;
  out?: string;
  force?: boolean;
  json?: boolean;
}

/** Parses --rubric "high=0.75,low=0.25,disagree=0.75" over the defaults. */
export function parseRubric(value: string): ConsistencyRubric {
  const rubric = { ...DEFAULT_RUBRIC };
  for (const part of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(high|low|disagree|disagreeModerate)=([0-9.]+)$/.exec(part);
    if (!m) throw new InvalidArgumentError(`expected high=X,low=Y,disagree=Z with X, Y, Z in [0, 1], got "${part}"`);
    const v = Number(m[2]);
    if (m[1] === 'high') rubric.high = v;
    else if (m[1] === 'low') rubric.low = v;
    else rubric.disagreeModerate = v;
  }
  try {
    return validateRubric(rubric);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The paper's percent for a row: Total and the signal groups of Table 1, null elsewhere. */
export function paperPercentFor(row: ConsistencyRow, paper: PaperTable | null): number | null {
  if (!paper) return null;
  const group = row.groupBy === null ? 'Total' : row.groupBy === 'signal' ? row.group : null;
  return group === null ? null : (paper.percent[group]?.[row.level] ?? null);
}

const f2 = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(2));

/** The human-readable table: Table 1 with Wilson (and bootstrap) intervals next to the paper's numbers. */
export function formatEvaluation(ev: StudyEvaluation, rows: (ConsistencyRow & { paperPercent: number | null })[], denominator: DenominatorPolicy, paper: PaperTable | null, bootstrap: number): string {
  const head = `${ev.n} cases, ${ev.rated} rated, ${ev.unrated} unrated; percentages over ${denominator === 'all' ? `all cases with an output` : 'rated cases only'}; ${ev.mode === 'structured' ? 'consistency derived from structured expert labels by the rubric' : `consistency rated by ${ev.raters.join(', ')}${ev.raters.length > 1 ? ' (per case: lower median)' : ''}`}`;
  const table = formatTable(
    ['group', 'level', 'count', 'n', '%', 'Wilson 95%', ...(bootstrap > 0 ? [`bootstrap 95% (${bootstrap})`] : []), 'paper %'],
    rows.map((r) => [
      r.groupBy === null ? r.group : `${r.groupBy}=${r.group}`,
      r.level,
      r.count,
      r.denominator,
      f2(r.percent),
      `[${f2(r.wilsonLow)}, ${f2(r.wilsonHigh)}]`,
      ...(bootstrap > 0 ? [`[${f2(r.bootLow)}, ${f2(r.bootHigh)}]`] : []),
      f2(r.paperPercent),
    ]),
  );
  const w = ev.warning;
  const warning = `flagged Warning: ${w.count}/${w.n} = ${f2(w.percent)}% Wilson 95% [${f2(w.wilsonLow)}, ${f2(w.wilsonHigh)}]${w.bootLow !== null ? ` bootstrap [${f2(w.bootLow)}, ${f2(w.bootHigh)}]` : ''}${paper?.warningPercent != null ? ` (paper ${f2(paper.warningPercent)}%)` : ''}`;
  const parts = [head, '', table, '', warning];
  if (ev.agreement) parts.push('', ev.agreementKind === 'system-vs-expert' ? 'Agreement of the system\'s signal with the experts\' signal:' : 'Agreement among raters:', formatAgreement(ev.agreement));
  return parts.join('\n');
}

/** Registers `evalkit htp` and its `evaluate` subcommand. */
export function registerHtp(program: Command): void {
  const htp = program.command('htp').description('House-Tree-Person analyses (PsyDraw): consistency tables and agreement with experts');
  htp
    .command('evaluate')
    .description('consistency table (overall, by signal, by a column) with Wilson and bootstrap intervals, share flagged Warning, agreement')
    .requiredOption('--outputs <path>', 'PsyDraw-style outputs: a folder of one JSON per drawing, a .jsonl file, or a .json array')
    .requiredOption('--labels <file.csv>', 'expert labels: long (case_id,rater,label[,grade...]), wide (case_id,<rater>...) or structured (case_id,rater,signal,<feature>...)')
    .option('--group-by <column>', 'also tabulate by this column (a label-file column or an output field, e.g. grade)')
    .addOption(new Option('--denominator <policy>', 'percent over all cases (the paper: 290, one unrated) or rated cases only').choices(['all', 'rated']).default('all'))
    .option('--seed <n>', 'seed of the bootstrap', nonNegativeInt, 1)
    .option('--bootstrap <n>', 'percentile bootstrap resamples (0 = off)', nonNegativeInt, 10000)
    .option('--rubric <spec>', 'thresholds for structured labels: high=0.75,low=0.25,disagree=0.75', parseRubric, DEFAULT_RUBRIC)
    .option('--out <dir>', 'write htp-consistency.json (result document), .csv and .md, and agreement.json when there is agreement to report')
    .option('--force', 'write into an --out folder that holds other files too (only this command\'s files are replaced)')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      `
Examples:
  evalkit htp evaluate --outputs fixtures/htp/synthetic-study/outputs.jsonl --labels fixtures/htp/synthetic-study/labels.csv
  evalkit htp evaluate --outputs outputs/ --labels labels.csv --group-by grade --out reports/htp
  evalkit htp evaluate --outputs outputs.jsonl --labels structured.csv --rubric high=0.8,low=0.3 --json

Levels: High / Moderate / Low (or the paper's Matching / Generally Matching / Not Matching); a blank
or NA label marks a case as explicitly unrated. Every output needs a label row and every label an output.`,
    )
    .action((opts: EvaluateOptions) => {
      const startedAt = new Date();
      // Checked before any work; a rerun replaces the previous run's files, agreement.json included.
      const folder = opts.out === undefined ? undefined : stageOutputFolder(opts.out, { owns: htpOwns, force: opts.force });
      try {
        const text = evaluateInto(opts, startedAt, folder?.staging);
        folder?.commit();
        process.stdout.write(text);
      } finally {
        folder?.discard();
      }
    });
}

/** The files `evalkit htp evaluate` writes into its --out folder. */
export function htpOwns(name: string): boolean {
  return /^htp-consistency\.(json|csv|md)$/.test(name) || name === 'agreement.json';
}

/** Evaluates the study, writes its files into `dir` (the staging folder of --out), and returns what to print. */
function evaluateInto(opts: EvaluateOptions, startedAt: Date, dir: string | undefined): string {
  const progress = createProgressReporter({ silent: opts.json === true });
  const task = progress.start('htp evaluate', 4);
  const outputs = readOutputs(opts.outputs);
  task.tick(1, `${outputs.length} outputs`);
  const labels = readLabelFile(opts.labels);
  task.tick(1, `${labels.raters.length} raters`);
  const ev = evaluateStudy(outputs, labels, { groupBy: opts.groupBy ?? null, denominator: opts.denominator, seed: opts.seed, bootstrap: opts.bootstrap, rubric: opts.rubric });
  task.tick(1, 'tables');
  const paper = paperTable();
  const rows = ev.rows.map((r) => ({ ...r, paperPercent: paperPercentFor(r, paper) }));
  const summary = {
    n: ev.n,
    rated: ev.rated,
    unrated: ev.unrated,
    mode: ev.mode,
    raters: ev.raters,
    warning: { ...ev.warning, paperPercent: paper.warningPercent },
    paperSource: paper.source,
  };
  const config = {
    outputs: opts.outputs,
    labels: opts.labels,
    groupBy: opts.groupBy ?? null,
    denominatorPolicy: opts.denominator,
    seed: opts.seed,
    bootstrapResamples: opts.bootstrap,
    ...(ev.mode === 'structured' ? { rubric: opts.rubric } : {}),
  };
  const written: string[] = [];
  if (opts.out !== undefined && dir !== undefined) {
    const manifest = cliManifest('htp evaluate', { config, seed: opts.seed, startedAt });
    writeResultDocument(join(dir, 'htp-consistency.json'), createResultDocument('htp-consistency', manifest, rows, { config, summary }));
    writeConsistencyTables(dir, 'htp-consistency', rows, 'HTP consistency');
    written.push(...['htp-consistency.json', 'htp-consistency.csv', 'htp-consistency.md'].map((name) => join(opts.out as string, name)));
    if (ev.agreement) {
      const agreementConfig = { ratings: opts.labels, levels: ev.agreement.levels, scale: ev.agreement.scale, kind: ev.agreementKind };
      writeResultDocument(join(dir, 'agreement.json'), createResultDocument('agreement', cliManifest('htp evaluate', { config: agreementConfig, seed: opts.seed, startedAt }), agreementRows(ev.agreement), { config: agreementConfig, summary: ev.agreement as unknown as Record<string, unknown> }));
      written.push(join(opts.out, 'agreement.json'));
    }
  }
  task.done(written.length > 0 ? `wrote ${written.length} files` : undefined);
  progress.stop();
  if (opts.json) return `${jsonText({ config, results: rows, summary, agreement: ev.agreement, agreementKind: ev.agreementKind, written })}\n`;
  return `${formatEvaluation(ev, rows, opts.denominator, paper, opts.bootstrap)}\n${written.map((p) => `wrote ${p}`).join('\n')}${written.length ? '\n' : ''}`;
}
