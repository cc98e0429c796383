import { Command, InvalidArgumentError, Option } from 'commander';
import { createResultDocument, ERROR_CODES, EvalkitError, writeResultDocument } from '@evalkit/core';
import {
  ALPHA_SCALES,
  agreementRows,
  agreementSummary,
  bootstrapCohenKappa,
  casesWithTwoRatings,
  raterColumn,
  readLabelFile,
  readRatings,
  encodeLabels,
  type AgreementSummary,
  type AlphaScale,
  type LevelSet,
} from '@evalkit/agreement';
// The PsyDraw consistency scale is the default order of text ratings that use its words.
import { CONSISTENCY_ALIASES, CONSISTENCY_LEVELS, SYNTHETIC_STUDY_NOTE } from '@evalkit/htp';
import { cliManifest } from '../shared/context';
import { formatTable, printJson } from '../shared/output';
import { bootstrapResamples, commaList, nonNegativeInt } from '../shared/parse';

/** Options of `evalkit agreement`. */
interface AgreementOptions {
  ratings: string;
  levels?: string[];
  scale: AlphaScale;
  bootstrap: number;
  seed: number;
  json?: boolean;
  out?: string;
}

/**
 * The level set for a ratings file: --levels when given (with the paper's Matching aliases when
 * they are the consistency levels); else the consistency scale when every label belongs to it;
 * else null, so the library infers numeric order or order of first appearance (never alphabetical).
 */
export function resolveLevels(path: string, declared: string[] | undefined): { set: LevelSet | null; declared: boolean } {
  if (declared && declared.length > 0) {
    const dup = declared.filter((l, i) => declared.indexOf(l) !== i);
    if (dup.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `levels repeat: ${dup.join(', ')}`, { field: '--levels', value: declared.join(',') });
    const isConsistency = declared.length === 3 && CONSISTENCY_LEVELS.every((l) => declared.some((d) => d.toLowerCase() === l.toLowerCase()));
    return { set: { levels: declared, aliases: isConsistency ? CONSISTENCY_ALIASES : undefined }, declared: true };
  }
  const file = readLabelFile(path);
  const labels = file.rows.map((r) => r.label);
  const consistency = { levels: CONSISTENCY_LEVELS, aliases: CONSISTENCY_ALIASES };
  const enc = encodeLabels(labels, consistency);
  if (enc.unknown.length === 0 && enc.codes.some((c) => c >= 0)) return { set: consistency, declared: false };
  return { set: null, declared: false };
}

function scaleOption(value: string): AlphaScale {
  if (!(ALPHA_SCALES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${ALPHA_SCALES.join(', ')}, got "${value}"`);
  return value as AlphaScale;
}

/** Above this many raters the table leaves out the per-pair Cohen rows (they stay in --json and --out). */
const MAX_RATERS_IN_TABLE = 10;

const f4 = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(4));

/** Human-readable agreement report. */
export function formatAgreement(s: AgreementSummary & { cohenBootstrap?: { ci95: [number, number]; resamples: number; seed: number }; dataNote?: string | null }): string {
  // Many raters: one cell naming them all, or a row per pair, would make a table of gigabytes.
  const everyone = s.raters.length <= 4 ? s.raters.join(',') : `all ${s.raters.length}`;
  const rows: (string | number)[][] = [['percent agreement', 'pairwise', everyone, `${s.percentAgreement.toFixed(2)}%`, '–', '–']];
  const shownPairs = s.raters.length <= MAX_RATERS_IN_TABLE ? s.pairwise : [];
  for (const p of shownPairs) {
    const pair = p.raters.join(',');
    rows.push(['Cohen kappa', 'unweighted', pair, f4(p.kappa), f4(p.ase), `[${f4(p.ci95[0])}, ${f4(p.ci95[1])}]`]);
    rows.push(['Cohen kappa', 'linear', pair, f4(p.linear), f4(p.aseLinear), `[${f4(p.ci95Linear[0])}, ${f4(p.ci95Linear[1])}]`]);
    rows.push(['Cohen kappa', 'quadratic', pair, f4(p.quadratic), f4(p.aseQuadratic), `[${f4(p.ci95Quadratic[0])}, ${f4(p.ci95Quadratic[1])}]`]);
  }
  if (s.cohenBootstrap) rows.push(['Cohen kappa', `bootstrap ${s.cohenBootstrap.resamples}`, everyone, f4(s.cohen?.kappa), '–', `[${f4(s.cohenBootstrap.ci95[0])}, ${f4(s.cohenBootstrap.ci95[1])}]`]);
  rows.push(['Fleiss kappa', 'unweighted', 'all', f4(s.fleiss.kappa), '–', '–']);
  for (const scale of ALPHA_SCALES) rows.push([`Krippendorff alpha${scale === s.scale ? ' *' : ''}`, scale, 'all', f4(s.krippendorff[scale]), '–', '–']);
  rows.push(['Gwet AC1', 'unweighted', 'all', f4(s.gwet.ac1), '–', '–']);
  rows.push(['Gwet AC2', 'linear', 'all', f4(s.gwet.ac2Linear), '–', '–']);
  rows.push(['Gwet AC2', 'quadratic', 'all', f4(s.gwet.ac2Quadratic), '–', '–']);
  const pairNote = shownPairs.length < s.pairwise.length ? [`note: Cohen's kappa of the ${s.pairwise.length} rater pairs is in --json and --out (more than ${MAX_RATERS_IN_TABLE} raters)`] : [];
  const named = s.raters.length <= MAX_RATERS_IN_TABLE ? s.raters.join(', ') : `${s.raters.slice(0, MAX_RATERS_IN_TABLE).join(', ')}, ...`;
  const head = `${s.cases} cases, ${s.raters.length} raters (${named}); levels in order: ${s.levels.join(' < ')}; * = --scale ${s.scale}`;
  return [...(s.dataNote ? [`Synthetic data: ${s.dataNote}.`] : []), head, '', formatTable(['statistic', 'variant', 'raters', 'value', 'ASE', '95% CI'], rows), ...pairNote, ...s.notes.map((n) => `note: ${n}`)].join('\n');
}

/** Registers `evalkit agreement`. */
export function registerAgreement(program: Command): void {
  program
    .command('agreement')
    .description('inter-rater agreement of a ratings CSV: percent agreement, Cohen (weighted, ASE, CI), Fleiss, Krippendorff, Gwet')
    .requiredOption('--ratings <file.csv>', 'ratings: long (case_id,rater,label) or wide (case_id,<rater>,<rater>...); blank or NA = missing')
    .option('--levels <list>', 'level order, lowest first, e.g. Low,Moderate,High (default: numeric order, the consistency scale, or first appearance; never alphabetical)', commaList)
    .addOption(new Option('--scale <scale>', 'level of measurement for the headline Krippendorff alpha').choices([...ALPHA_SCALES]).default('ordinal').argParser(scaleOption))
    .option('--bootstrap <n>', 'percentile bootstrap resamples for Cohen\'s kappa (two raters; 0 = off; at most 1,000,000)', bootstrapResamples, 0)
    .option('--seed <n>', 'seed of the bootstrap', nonNegativeInt, 1)
    .option('--json', 'print the statistics as JSON')
    .option('--out <file>', 'also write an agreement result document (JSON with run manifest) to this file')
    .addHelpText(
      'after',
      `
Examples:
  evalkit agreement --ratings fixtures/htp/synthetic-study/labels-two-raters.csv
  evalkit agreement --ratings ratings.csv --levels Low,Moderate,High --scale ordinal --json
  evalkit agreement --ratings ratings.csv --bootstrap 10000 --seed 7 --out reports/agreement.json

Weighted kappa and AC2 weight by level rank; interval/ratio alpha use numeric level values (ranks
1..q for text levels). Degenerate inputs (one level only) are reported as 1 with a note, never NaN.`,
    )
    .action((opts: AgreementOptions) => {
      const startedAt = new Date();
      const levels = resolveLevels(opts.ratings, opts.levels);
      const { matrix, raters } = readRatings(opts.ratings, levels.set);
      if (raters.length < 2) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `agreement needs at least two raters, found ${raters.length} (${raters.join(', ')})`, { file: opts.ratings, field: 'rater' });
      if (casesWithTwoRatings(matrix) === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `no case has two or more ratings (${matrix.cases} cases, ${raters.length} raters): agreement needs at least one case rated twice`, { file: opts.ratings });
      const summary: AgreementSummary & { levelsDeclared?: boolean; cohenBootstrap?: { ci95: [number, number]; resamples: number; seed: number }; synthetic?: boolean; dataNote?: string | null } = agreementSummary(matrix, raters, opts.scale);
      summary.levelsDeclared = levels.declared;
      // A `synthetic` column with true on every row marks made-up ratings (evalkit's synthetic study).
      summary.synthetic = readLabelFile(opts.ratings).synthetic === true;
      summary.dataNote = summary.synthetic ? SYNTHETIC_STUDY_NOTE : null;
      if (!levels.declared && levels.set === null && !matrix.levels.every((l) => Number.isFinite(Number(l)))) {
        summary.notes.push(`levels were not declared and are not numbers; using their order of first appearance (${matrix.levels.join(' < ')}). Weighted and ordinal statistics depend on it: pass --levels.`);
      }
      if (opts.bootstrap > 0 && raters.length === 2) {
        const b = bootstrapCohenKappa(raterColumn(matrix, 0), raterColumn(matrix, 1), matrix.levels.length, { resamples: opts.bootstrap, seed: opts.seed });
        summary.cohenBootstrap = { ci95: b.ci, resamples: b.resamples, seed: b.seed };
      }
      if (opts.out) {
        const config = { ratings: opts.ratings, levels: matrix.levels, scale: opts.scale, bootstrap: opts.bootstrap, seed: opts.seed };
        const manifest = cliManifest('agreement', { config, seed: opts.seed, startedAt });
        writeResultDocument(opts.out, createResultDocument('agreement', manifest, agreementRows(summary), { config, summary: summary as unknown as Record<string, unknown> }));
      }
      if (opts.json) printJson(summary);
      else process.stdout.write(`${formatAgreement(summary)}${opts.out ? `\nwrote ${opts.out}` : ''}\n`);
    });
}
