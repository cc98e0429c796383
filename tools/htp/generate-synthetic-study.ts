/**
 * Generates fixtures/htp/synthetic-study/: a SYNTHETIC 290-drawing study shaped like PsyDraw's
 * (arXiv 2412.14769): PsyDraw-style output records and teacher consistency ratings whose counts
 * reproduce the paper's Table 1 exactly (Warning 53/32/4 + 1 unrated, Observation 153/44/3;
 * 145 third- and 145 fifth-graders). No real child, drawing or report is in it: texts are
 * templates, the assignment of ratings to drawings is a seeded shuffle.
 *
 *   npx tsx tools/htp/generate-synthetic-study.ts [OUT_DIR]
 *
 * Deterministic: the same seed writes the same bytes (a test regenerates and compares).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createPrng, type Prng } from '@evalkit/agreement';
import { SYNTHETIC_STUDY_NOTE } from '@evalkit/htp';
import { formatCsv } from '@evalkit/media-io';

/** Seed of the committed fixture. */
export const FIXTURE_SEED = 20241219;

/** Name of the second rater, whose ratings are simulated from the teacher's (the paper has one rating per report). */
export const SIMULATED_RATER = 'simulated counsellor';

/** Default output folder (the committed fixture). */
export const FIXTURE_DIR = resolve(__dirname, '../../fixtures/htp/synthetic-study');

const TABLE1 = {
  Warning: { High: 53, Moderate: 32, Low: 4, unrated: 1 },
  Observation: { High: 153, Moderate: 44, Low: 3, unrated: 0 },
} as const;

/** The paper's wording of the levels, used in the label file so the aliases are exercised. */
const PAPER_WORDING = { High: 'Matching', Moderate: 'Generally Matching', Low: 'Not Matching', unrated: '' } as const;

type Level = 'High' | 'Moderate' | 'Low';
const LEVELS: Level[] = ['Low', 'Moderate', 'High'];

const FEATURES = {
  size: ['normal', 'oversized', 'undersized'],
  placement: ['centre', 'left', 'right', 'top', 'bottom', 'edge'],
  line_quality: ['smooth', 'broken', 'short', 'direction-changing'],
  omissions: ['none', 'windows', 'roots', 'arms', 'door'],
} as const;

function shuffle<T>(items: T[], rng: Prng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function pick<T>(items: readonly T[], rng: Prng): T {
  return items[rng.int(items.length)];
}

/** One synthetic drawing. */
interface SyntheticCase {
  caseId: string;
  grade: 3 | 5;
  signal: 'Warning' | 'Observation';
  rating: Level | 'unrated';
  tags: Record<keyof typeof FEATURES, string>;
}

/** Builds the cases: grades by position, signals and ratings by seeded shuffles that keep Table 1's counts. */
export function syntheticCases(seed = FIXTURE_SEED): SyntheticCase[] {
  const rng = createPrng(seed);
  const signals = shuffle([...Array<'Warning'>(90).fill('Warning'), ...Array<'Observation'>(200).fill('Observation')], rng);
  const pools = {
    Warning: shuffle((Object.entries(TABLE1.Warning) as [Level | 'unrated', number][]).flatMap(([l, n]) => Array<Level | 'unrated'>(n).fill(l)), rng),
    Observation: shuffle((Object.entries(TABLE1.Observation) as [Level | 'unrated', number][]).flatMap(([l, n]) => Array<Level | 'unrated'>(n).fill(l)), rng),
  };
  return signals.map((signal, i) => ({
    caseId: `htp-${String(i + 1).padStart(3, '0')}`,
    grade: i < 145 ? 3 : 5,
    signal,
    rating: pools[signal].pop()!,
    tags: {
      size: pick(FEATURES.size, rng),
      placement: pick(FEATURES.placement, rng),
      line_quality: pick(FEATURES.line_quality, rng),
      omissions: pick(FEATURES.omissions, rng),
    },
  }));
}

/** A PsyDraw-style output record (htp.md schema) with templated, clearly synthetic text. */
function outputRecord(c: SyntheticCase, rng: Prng): Record<string, unknown> {
  const prompt = 2400 + rng.int(600);
  const completion = 900 + rng.int(500);
  const concern = c.signal === 'Warning';
  return {
    case_id: c.caseId,
    synthetic: true,
    grade: c.grade,
    school: 'synthetic-rural-school',
    overall: {
      feature: `[synthetic] size: ${c.tags.size}; position: ${c.tags.placement}; lines: ${c.tags.line_quality}; omitted parts: ${c.tags.omissions}.`,
      analysis: `[synthetic] Formal features templated for case ${c.caseId}.`,
    },
    house: { feature: '[synthetic] house present; roof, walls, door, windows.', analysis: '[synthetic] no real drawing was analysed.' },
    tree: { feature: '[synthetic] tree present; trunk, crown, ground line.', analysis: '[synthetic] no real drawing was analysed.' },
    person: { feature: '[synthetic] person present; head-to-body ratio typical.', analysis: '[synthetic] no real drawing was analysed.' },
    merge: `[synthetic] Positive: ${3 + rng.int(5)}, Negative: ${concern ? 3 + rng.int(4) : rng.int(3)}, Neutral: ${2 + rng.int(4)}.`,
    final: `[synthetic] Final opinion: ${concern ? 'some indicators call for professional attention' : 'keep observing'}.`,
    signal: c.signal,
    usage: { total: prompt + completion, prompt, completion },
    classification: true,
    fix_signal: null,
    tags: c.tags,
  };
}

/** A second, hypothetical rater: agrees with the teacher on ~80% of cases, else one level away. */
function secondRater(c: SyntheticCase, rng: Prng): Level {
  if (c.rating === 'unrated') return pick(LEVELS, rng);
  const k = LEVELS.indexOf(c.rating);
  if (rng.next() < 0.8) return c.rating;
  return LEVELS[k === 0 ? 1 : k === 2 ? 1 : rng.next() < 0.5 ? 0 : 2];
}

/** An expert's structured judgement: the system's signal with 85% probability, each tag kept with 75%. */
function expertJudgement(c: SyntheticCase, rng: Prng): string[] {
  const signal = rng.next() < 0.85 ? c.signal : c.signal === 'Warning' ? 'Observation' : 'Warning';
  const tags = (Object.keys(FEATURES) as (keyof typeof FEATURES)[]).map((f) => (rng.next() < 0.75 ? c.tags[f] : pick(FEATURES[f], rng)));
  return [signal, ...tags];
}

/** File name -> content of the whole fixture. */
export function generateSyntheticStudy(seed = FIXTURE_SEED): Record<string, string> {
  const cases = syntheticCases(seed);
  const rng = createPrng(seed ^ 0x5eed);
  const outputs = cases.map((c) => JSON.stringify(outputRecord(c, rng))).join('\n') + '\n';
  // Every CSV row says synthetic=true, as every output record does, so each reader labels what it makes.
  const labels = formatCsv([['case_id', 'rater', 'label', 'grade', 'synthetic'], ...cases.map((c) => [c.caseId, 'teacher', PAPER_WORDING[c.rating], c.grade, 'true'])]);
  const twoRaters = formatCsv([['case_id', 'teacher', SIMULATED_RATER, 'synthetic'], ...cases.map((c) => [c.caseId, c.rating === 'unrated' ? '' : c.rating, secondRater(c, rng), 'true'])]);
  const structured = formatCsv([['case_id', 'rater', 'signal', 'size', 'placement', 'line_quality', 'omissions', 'synthetic'], ...cases.map((c) => [c.caseId, 'psychologist', ...expertJudgement(c, rng), 'true'])]);
  const readme = `# Synthetic PsyDraw-style study (SYNTHETIC DATA)

Generated by \`npx tsx tools/htp/generate-synthetic-study.ts\` (seed ${seed}). Nothing here comes from
real children, drawings, teachers or reports: output texts are templates marked "[synthetic]" and
every record and every CSV row says \`synthetic: true\`, so evalkit labels everything made from them
("${SYNTHETIC_STUDY_NOTE}"). Only the counts are real: they reproduce Table 1 of PsyDraw
(arXiv 2412.14769), Warning 53 / 32 / 4 High / Moderate / Low plus one unrated report, Observation
153 / 44 / 3; 145 third- and 145 fifth-graders (see fixtures/paper/psydraw.json).

| file | what |
|---|---|
| outputs.jsonl | 290 PsyDraw-style output records (overall/house/tree/person, merge, final, signal, usage, classification, fix_signal), plus \`case_id\`, \`grade\`, \`school\` and structured \`tags\` (an evalkit extension) |
| labels.csv | long layout \`case_id,rater,label,grade,synthetic\`: one teacher rating per report in the paper's wording (Matching / Generally Matching / Not Matching); blank = the unrated report |
| labels-two-raters.csv | wide layout \`case_id,teacher,${SIMULATED_RATER},synthetic\`: the teacher's ratings plus a simulated second rater (80% identical, else one level away) for agreement statistics; the paper reports one rating per report and no agreement coefficient |
| structured-labels.csv | structured layout \`case_id,rater,signal,size,placement,line_quality,omissions,synthetic\`: a hypothetical psychologist's own signal and feature tags, for derived consistency |
`;
  return { 'outputs.jsonl': outputs, 'labels.csv': labels, 'labels-two-raters.csv': twoRaters, 'structured-labels.csv': structured, 'README.md': readme };
}

/** Writes the fixture files into `dir`. */
export function writeSyntheticStudy(dir = FIXTURE_DIR, seed = FIXTURE_SEED): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(generateSyntheticStudy(seed))) writeFileSync(join(dir, name), content);
}

if (require.main === module) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : FIXTURE_DIR;
  writeSyntheticStudy(dir);
  process.stdout.write(`wrote the synthetic study to ${dir}\n`);
}
