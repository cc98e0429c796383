import { Command, InvalidArgumentError, Option } from 'commander';
import { createResultDocument, stageOutputFolder, writeResultDocument } from '@evalkit/core';
import { agreementRows, readLabelFile } from '@evalkit/agreement';
import { createProgressReporter } from '../shared/progress';
import {
  DEFAULT_RUBRIC,
  CORRECTED_MARK,
  evaluateStudy,
  paperCell,
  readOutputSet,
  readPaperTable,
  SYNTHETIC_STUDY_NOTE,
  validateRubric,
  writeConsistencyTables,
  type ConsistencyRow,
  type ConsistencyRubric,
  type DenominatorPolicy,
  type HtpOutput,
  type PaperCell,
  type PaperTable,
  type SkippedOutput,
  type StudyEvaluation,
} from '@evalkit/htp';
import { join } from 'node:path';
import { cliManifest } from '../shared/context';
import { formatTable, jsonText } from '../shared/output';
import { bootstrapResamples, nonNegativeInt } from '../shared/parse';
import { formatAgreement } from './agreement';

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
  signalField?: string;
  opinionPattern?: RegExp;
  lenient?: boolean;
}

/** Parses --opinion-pattern into a regular expression (case-insensitive, multi-line). */
export function parseOpinionPattern(value: string): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(value, 'im');
  } catch (error) {
    throw new InvalidArgumentError(`not a regular expression: ${(error as Error).message}`);
  }
  return re;
}

/** How many reports were read from each layout, signal field and language (what was parsed from where). */
export function readingCounts(outputs: readonly HtpOutput[]): Record<'layouts' | 'signalFields' | 'languages' | 'forms', Record<string, number>> {
  const tally = (key: keyof HtpOutput['reading']) => {
    const counts: Record<string, number> = {};
    for (const o of outputs) counts[o.reading[key]] = (counts[o.reading[key]] ?? 0) + 1;
    return counts;
  };
  return { layouts: tally('layout'), signalFields: tally('signalField'), languages: tally('language'), forms: tally('form') };
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

/** The paper's cell for a row: Total and the signal groups of Table 1, null elsewhere. */
export function paperCellFor(row: ConsistencyRow, paper: PaperTable | null): PaperCell {
  const group = row.groupBy === null ? 'Total' : row.groupBy === 'signal' ? row.group : null;
  return paperCell(paper, group, row.level);
}

const f2 = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(2));

/** The human-readable report: Table 1 with intervals next to the paper's printed numbers, then the review step's marks and the token cost. */
export function formatEvaluation(ev: StudyEvaluation, rows: (ConsistencyRow & PaperCell)[], denominator: DenominatorPolicy, paper: PaperTable | null, bootstrap: number, skipped: readonly SkippedOutput[] = [], synthetic = false): string {
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
      `${f2(r.paperPrinted)}${r.paperNote ? ` ${CORRECTED_MARK}` : ''}`,
    ]),
  );
  const corrected = [...new Set(rows.flatMap((r) => (r.paperNote ? [`${CORRECTED_MARK} ${r.group}/${r.level}: ${r.paperNote}`] : [])))];
  const w = ev.warning;
  const warning = `flagged Warning: ${w.count}/${w.n} = ${f2(w.percent)}% Wilson 95% [${f2(w.wilsonLow)}, ${f2(w.wilsonHigh)}]${w.bootLow !== null ? ` bootstrap [${f2(w.bootLow)}, ${f2(w.bootHigh)}]` : ''}${paper?.warningPercent != null ? ` (paper ${f2(paper.warningPercent)}%)` : ''}`;
  const label = (g: { groupBy: string | null; group: string }) => (g.groupBy === null ? g.group : `${g.groupBy}=${g.group}`);
  const safety = formatTable(
    ['group', 'reports', 'with verdict', 'marked abnormal', '%', 'Wilson 95%'],
    ev.safety.map((r) => [label(r), r.reports, r.judged, r.marked, f2(r.percent), r.percent === null ? '–' : `[${f2(r.wilsonLow)}, ${f2(r.wilsonHigh)}]`]),
  );
  const int = (v: number | null) => (v === null ? '–' : Math.round(v).toLocaleString('en-US'));
  const cost = formatTable(
    ['group', 'tokens', 'reports', 'counted', 'sum', 'mean', 'median', 'p95'],
    ev.cost.map((r) => [label(r), r.tokens, r.reports, r.counted, int(r.sum), int(r.mean), int(r.median), int(r.p95)]),
  );
  const parts = [
    ...(synthetic ? [`Synthetic data: ${SYNTHETIC_STUDY_NOTE}.`, ''] : []),
    head,
    '',
    table,
    ...corrected,
    '',
    warning,
    '',
    'Reports the review step marked abnormal (classification false; a fixed safety text replaced the signal), among reports with a verdict:',
    safety,
    '',
    'Token cost per report (usage):',
    cost,
  ];
  if (skipped.length > 0) parts.push('', `Left out under --lenient (${skipped.length}, no opinion found):`, ...skipped.map((k) => `  ${k.source}: ${k.reason}`));
  if (ev.agreement) parts.push('', ev.agreementKind === 'system-vs-expert' ? 'Agreement of the system\'s signal with the experts\' signal:' : 'Agreement among raters:', formatAgreement(ev.agreement));
  return parts.join('\n');
}

/** Registers `evalkit htp` and its `evaluate` subcommand. */
export function registerHtp(program: Command): void {
  const htp = program.command('htp').description('House-Tree-Person analyses (PsyDraw): consistency tables and agreement with experts');
  htp
    .command('evaluate')
    .description('consistency table (overall, by signal, by a column) with Wilson and bootstrap intervals, share flagged Warning, agreement')
    .requiredOption('--outputs <path>', 'PsyDraw reports: a folder of one JSON per drawing (the file name is the case id), a .jsonl file, or a .json array')
    .requiredOption('--labels <file.csv>', 'expert labels: long (case_id,rater,label[,grade...]), wide (case_id,<rater>...) or structured (case_id,rater,signal,<feature>...)')
    .option('--group-by <column>', 'also tabulate by this column (a label-file column or an output field, e.g. grade)')
    .addOption(new Option('--denominator <policy>', 'percent over all cases (the paper: 290, one unrated) or rated cases only').choices(['all', 'rated']).default('all'))
    .option('--seed <n>', 'seed of the bootstrap', nonNegativeInt, 1)
    .option('--bootstrap <n>', 'percentile bootstrap resamples (0 = off; at most 1,000,000)', bootstrapResamples, 10000)
    .option('--rubric <spec>', 'thresholds for structured labels: high=0.75,low=0.25,disagree=0.75', parseRubric, DEFAULT_RUBRIC)
    .option('--signal-field <path>', 'dotted path of the field holding the screening signal (default: signal, or the misspelt singal)')
    .option('--opinion-pattern <regex>', 'regular expression whose first group is the opinion word (Warning/Observation/预警/观察), instead of the opinion headings', parseOpinionPattern)
    .option('--lenient', 'list reports whose opinion cannot be found and go on without them (and their label rows)')
    .option('--out <dir>', 'write htp-consistency.json (result document), .csv and .md, and agreement.json when there is agreement to report')
    .option('--force', 'write into an --out folder that holds other files too (only this command\'s files are replaced)')
    .option('--json', 'print the results as JSON')
    .addHelpText(
      'after',
      `
Examples:
  evalkit htp evaluate --outputs fixtures/htp/synthetic-study/outputs.jsonl --labels fixtures/htp/synthetic-study/labels.csv
  evalkit htp evaluate --outputs outputs/ --labels labels.csv --group-by grade --out reports/htp
  evalkit htp evaluate --outputs fixtures/htp/psydraw-reports --labels fixtures/htp/psydraw-reports/labels.csv
  evalkit htp evaluate --outputs outputs.jsonl --labels structured.csv --rubric high=0.8,low=0.3 --json
  evalkit htp evaluate --outputs runs/ --labels labels.csv --signal-field result.screening --opinion-pattern 'risk: (\\w+)'

Reports: nested (overall/house/tree/person: {feature, analysis}) or flat (overall_feature, ...,
human_feature) layouts; the opinion is read from the signal's Markdown ("### Assessment Opinion:",
"### 评估意见:", "### 诊断意见:" then Warning/Observation/预警/观察) or a bare word, from fix_signal when
classification is false (the review step's safety text), from "singal" where a version misspelt it.
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
  const { outputs, skipped } = readOutputSet(opts.outputs, { signalField: opts.signalField, opinionPattern: opts.opinionPattern, lenient: opts.lenient === true });
  task.tick(1, `${outputs.length} outputs`);
  const labels = readLabelFile(opts.labels);
  task.tick(1, `${labels.raters.length} raters`);
  const ev = evaluateStudy(outputs, labels, {
    groupBy: opts.groupBy ?? null,
    denominator: opts.denominator,
    seed: opts.seed,
    bootstrap: opts.bootstrap,
    rubric: opts.rubric,
    skippedCases: skipped.map((k) => k.caseId),
  });
  task.tick(1, 'tables');
  // The paper's Table 1 from core's one reader of fixtures/paper, joined when the document is written.
  const paper = readPaperTable();
  const rows = ev.rows.map((r) => ({ ...r, ...paperCellFor(r, paper) }));
  const synthetic = ev.synthetic || labels.synthetic === true;
  const dataNote = synthetic ? SYNTHETIC_STUDY_NOTE : null;
  const summary = {
    n: ev.n,
    rated: ev.rated,
    unrated: ev.unrated,
    mode: ev.mode,
    raters: ev.raters,
    synthetic,
    dataNote,
    warning: { ...ev.warning, paperPercent: paper.warningPercent },
    safety: ev.safety,
    cost: ev.cost,
    reading: readingCounts(outputs),
    skipped,
    paperSource: paper.source,
    paperCorrections: paper.corrections,
  };
  const config = {
    outputs: opts.outputs,
    labels: opts.labels,
    groupBy: opts.groupBy ?? null,
    denominatorPolicy: opts.denominator,
    seed: opts.seed,
    bootstrapResamples: opts.bootstrap,
    signalField: opts.signalField ?? null,
    opinionPattern: opts.opinionPattern ? opts.opinionPattern.source : null,
    lenient: opts.lenient === true,
    ...(ev.mode === 'structured' ? { rubric: opts.rubric } : {}),
  };
  const written: string[] = [];
  if (opts.out !== undefined && dir !== undefined) {
    const manifest = cliManifest('htp evaluate', { config, seed: opts.seed, startedAt });
    writeResultDocument(join(dir, 'htp-consistency.json'), createResultDocument('htp-consistency', manifest, rows, { config, summary }));
    const notes = synthetic ? { label: 'synthetic study', footnotes: [SYNTHETIC_STUDY_NOTE] } : {};
    writeConsistencyTables(dir, 'htp-consistency', rows, 'HTP consistency', notes);
    written.push(...['htp-consistency.json', 'htp-consistency.csv', 'htp-consistency.md'].map((name) => join(opts.out as string, name)));
    if (ev.agreement) {
      const agreementConfig = { ratings: opts.labels, levels: ev.agreement.levels, scale: ev.agreement.scale, kind: ev.agreementKind };
      const agreementSummary = { ...(ev.agreement as unknown as Record<string, unknown>), synthetic, dataNote };
      writeResultDocument(join(dir, 'agreement.json'), createResultDocument('agreement', cliManifest('htp evaluate', { config: agreementConfig, seed: opts.seed, startedAt }), agreementRows(ev.agreement), { config: agreementConfig, summary: agreementSummary }));
      written.push(join(opts.out, 'agreement.json'));
    }
  }
  task.done(written.length > 0 ? `wrote ${written.length} files` : undefined);
  progress.stop();
  if (opts.json) return `${jsonText({ config, results: rows, summary, agreement: ev.agreement, agreementKind: ev.agreementKind, written })}\n`;
  return `${formatEvaluation(ev, rows, opts.denominator, paper, opts.bootstrap, skipped, synthetic)}\n${written.map((p) => `wrote ${p}`).join('\n')}${written.length ? '\n' : ''}`;
}
