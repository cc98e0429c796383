import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportModel } from '../src/render-report';
import { csvTable } from '../src/render/csv-table';
import { htmlReport } from '../src/render/html-report';
import { latexTable } from '../src/render/latex-table';
import { markdownTable } from '../src/render/markdown-table';
import { useFixtureRuns } from './fixtures/build-fixture-runs';

const NOTE = "synthetic study constructed to the paper's published counts: checks the pipeline, not PsyDraw";
const HTP_TABLES = ['htp-consistency', 'htp-warning-share', 'htp-safety', 'htp-cost', 'agreement'];

/** The page without the viewer bundle (not needed to read its headings). */
function page(runDirs: string[]): string {
  const { report, figures, tables } = buildReportModel(runDirs);
  return htmlReport({ report, figures, tables, missingSections: [], viewerBundle: '', figureFiles: () => ({}), tableFiles: () => ({}), generatedAt: 'now', displayFile: (f) => f });
}

describe('outputs made from the synthetic study say so where they are read', () => {
  const fixture = useFixtureRuns('evalkit-report-synthetic-');
  let plain: string;
  beforeAll(() => {
    // The same documents without the data note: a study of real reports.
    plain = join(fixture.root, 'real-study');
    mkdirSync(plain);
    for (const name of ['htp-consistency.json', 'agreement.json']) {
      const doc = JSON.parse(readFileSync(join(fixture.runs.laptop, name), 'utf8'));
      delete doc.summary.synthetic;
      delete doc.summary.dataNote;
      writeFileSync(join(plain, name), JSON.stringify(doc));
    }
  });

  it('labels every HTP table in its title and a footnote row, in Markdown, CSV and LaTeX', () => {
    const { tables } = buildReportModel([fixture.runs.laptop]);
    for (const id of HTP_TABLES) {
      const table = tables.find((t) => t.id === id)!;
      expect(table.title).toMatch(/ — synthetic study$/);
      expect(table.notes).toContain(NOTE);
      expect(markdownTable(table)).toContain(`Note: ${NOTE}`);
      expect(csvTable(table).trim().split('\r\n')).toContainEqual(`"Note: ${NOTE}"${','.repeat(table.columns.length - 1)}`);
      expect(latexTable(table)).toMatch(/\\multicolumn\{\d+\}\{@\{\}p\{\\linewidth\}@\{\}\}\{\\footnotesize Note: synthetic study constructed/);
    }
    expect(tables.find((t) => t.id === 'zoo-sizes')!.title).not.toMatch(/synthetic/i);
  });

  it('prints the paper\'s cell in the paper column and marks and explains the corrected one', () => {
    const table = buildReportModel([fixture.runs.laptop]).tables.find((t) => t.id === 'htp-consistency')!;
    const warningModerate = table.rows.find((r) => r[0] === 'Warning' && r[1] === 'Moderate')!;
    expect(warningModerate.slice(-1)).toEqual(['26.21 †']);
    expect(warningModerate[4]).toBe('35.56');
    expect(table.notes!.find((n) => n.startsWith('†'))).toMatch(/Warning\/Moderate: compared with 35\.56\. Table 1 prints 26\.21/);
  });

  it('labels the figure titles and descriptions, the HTP and agreement section headings and the simulated rater', () => {
    const { figures } = buildReportModel([fixture.runs.laptop]);
    for (const id of ['htp-consistency', 'agreement']) {
      const f = figures.find((x) => x.id === id)!;
      expect((f.spec.title as { text: string }).text).toMatch(/ — synthetic study$/);
      expect(f.description).toMatch(/^Synthetic study constructed to the paper's published counts: checks the pipeline, not PsyDraw\./);
    }
    const html = page([fixture.runs.laptop]);
    expect(html).toContain('<section id="section-htp-consistency" data-synthetic="true"><h2>HTP consistency (PsyDraw) — synthetic study</h2>');
    expect(html).toContain('<section id="section-agreement" data-synthetic="true"><h2>Agreement coefficients — synthetic study</h2>');
    expect(html).toContain('teacher,simulated counsellor');
  });

  it('leaves documents that do not say so unlabelled', () => {
    const { tables, figures } = buildReportModel([plain]);
    for (const t of tables) expect([t.title, t.caption, ...(t.notes ?? [])].join(' ')).not.toMatch(/synthetic/i);
    for (const f of figures) expect(`${f.title} ${f.description}`).not.toMatch(/synthetic/i);
    expect(page([plain])).not.toMatch(/data-synthetic|— synthetic study/);
  });
});
