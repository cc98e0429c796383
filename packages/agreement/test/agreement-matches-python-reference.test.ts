import { assertClose, assertClosePaths, itReproducesFixture, readJsonFixture } from '@evalkit/test-harness';
import { agreementSummary, createPrng, MISSING, ratingsFromRows } from '../src';

// The numpy reference (tools/htp/agreement_reference.py, written from the published formulas) rated
// the same seeded tables: tools/reference/agreement_numpy.py draws them with a port of createPrng and
// stores them beside the values, and the first test checks they are the tables drawn here.
interface Reference { name: string; q: number; rows: (number | null)[][]; reference: Record<string, unknown> }
const FIXTURE = readJsonFixture<{ datasets: Reference[] }>('reference', 'agreement-numpy', 'coefficients.json').datasets;

/** Seeded random ratings: `cases` x `raters`, q levels, raters mostly agreeing, some missing. */
function dataset(seed: number, cases: number, raters: number, q: number, missing: number): (number | null)[][] {
  const rng = createPrng(seed);
  return Array.from({ length: cases }, () => {
    const truth = rng.int(q);
    return Array.from({ length: raters }, () => {
      if (rng.next() < missing) return null;
      if (rng.next() < 0.6) return truth;
      return Math.min(q - 1, Math.max(0, truth + (rng.next() < 0.5 ? -1 : 1) * (1 + rng.int(2))));
    });
  });
}

const DATASETS = [
  { name: '2 raters, 3 levels, 80 cases', rows: dataset(1, 80, 2, 3, 0), q: 3 },
  { name: '2 raters, 5 levels, 60 cases, missing', rows: dataset(2, 60, 2, 5, 0.1), q: 5 },
  { name: '3 raters, 4 levels, 50 cases, missing', rows: dataset(3, 50, 3, 4, 0.15), q: 4 },
  { name: '5 raters, 3 levels, 30 cases, missing', rows: dataset(4, 30, 5, 3, 0.2), q: 3 },
  { name: '4 raters, 2 levels, 40 cases', rows: dataset(5, 40, 4, 2, 0), q: 2 },
];

describe('agreement coefficients match an independent numpy reference (tools/htp/agreement_reference.py)', () => {
  it('the reference rated the tables drawn here', () => {
    expect(FIXTURE.map((d) => ({ name: d.name, q: d.q, rows: d.rows }))).toEqual(DATASETS);
  });

  it.each(DATASETS.map((d, i) => [d.name, i] as const))('%s', (_name, i) => {
    const d = DATASETS[i];
    const levels = Array.from({ length: d.q }, (_, k) => String(k + 1));
    const m = ratingsFromRows(d.rows.map((r) => r.map((v) => (v === null ? MISSING : v))), levels);
    const ours = agreementSummary(m, d.rows[0].map((_, j) => `r${j}`));
    const paths = ['krippendorff.nominal', 'krippendorff.ordinal', 'krippendorff.interval', 'krippendorff.ratio', 'gwet.ac1', 'gwet.ac2Linear', 'gwet.ac2Quadratic'];
    if (d.rows[0].length === 2) paths.push('cohen.kappa', 'cohen.linear', 'cohen.quadratic', 'cohen.ase', 'cohen.ase0', 'cohen.aseLinear', 'cohen.aseQuadratic');
    const ref = FIXTURE[i].reference;
    assertClose(ours.fleiss.kappa, ref.fleiss, 1e-10, `${d.name} fleiss`);
    assertClosePaths(ours, ref, paths, 1e-10, d.name);
  });

  itReproducesFixture({ script: 'tools/reference/agreement_numpy.py', fixture: 'fixtures/reference/agreement-numpy', tools: ['python3-numpy'], tolerance: 1e-12 });
});

describe('agreement coefficients match irrCAC\'s published vignette (CRAN irrCAC 1.0, overview vignette, cont3x3abstractors)', () => {
  // Contingency table of two abstractors (rows: rater 1; Ectopic, AIU, NIU).
  const table = [
    [13, 0, 0],
    [0, 20, 7],
    [0, 4, 56],
  ];
  const rows: number[][] = [];
  table.forEach((r, i) => r.forEach((n, j) => { for (let k = 0; k < n; k++) rows.push([i, j]); }));
  const s = agreementSummary(ratingsFromRows(rows, ['Ectopic', 'AIU', 'NIU']), ['A', 'B'], 'nominal');

  it('Cohen 0.7964094, Gwet AC1 0.8493305, Krippendorff 0.7972585, percent agreement 0.89', () => {
    assertClose(s.cohen!.kappa, 0.7964094, 5e-8, 'kappa');
    assertClose(s.gwet.ac1, 0.8493305, 5e-8, 'AC1');
    assertClose(s.krippendorff.nominal, 0.7972585, 5e-8, 'alpha');
    assertClose(s.percentAgreement, 89, 1e-9, 'percent agreement');
  });
});
