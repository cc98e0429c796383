import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireSystemTool } from '@evalkit/test-harness';
import { renderReport } from '../src';
import { csvTable } from '../src/render/csv-table';
import { escapeLatex, latexTable } from '../src/render/latex-table';
import { markdownTable } from '../src/render/markdown-table';
import { type Table } from '../src/tables/table';
import { HOSTILE_LATEX_LABEL, writeFixtureRuns } from './fixtures/build-fixture-runs';

const pdflatex = requireSystemTool('pdflatex');
const pdftotext = requireSystemTool('pdflatex', 'pdftotext');

/** Writes the .tex tables of a full and a hostile fixture run and one document that inputs them all. */
async function writeTablesDocument(root: string): Promise<string[]> {
  const runs = writeFixtureRuns(root);
  const full = await renderReport({ runDirs: [runs.laptop, runs.phone], outDir: join(root, 'full'), png: false });
  const hostile = await renderReport({ runDirs: [runs.hostile], outDir: join(root, 'hostile'), png: false });
  const texFiles = [...full.tables, ...hostile.tables].map((t) => t.files.latex);
  const doc = ['\\documentclass{article}', '\\usepackage[T1]{fontenc}', '\\usepackage{booktabs}', '\\usepackage[margin=1cm,landscape]{geometry}', '\\begin{document}', ...texFiles.map((f) => `\\input{${f}}\n\\clearpage`), '\\end{document}', ''].join('\n');
  writeFileSync(join(root, 'tables.tex'), doc);
  return texFiles;
}

/** Runs pdflatex on tables.tex in `root`; throws with TeX's error lines when it fails. */
function compile(root: string): string {
  const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'tables.tex'], { cwd: root, encoding: 'utf8', timeout: 50_000 });
  if (r.status !== 0) throw new Error(`pdflatex failed:\n${r.stdout.split('\n').filter((l) => l.startsWith('!') || l.startsWith('l.')).join('\n')}`);
  return r.stdout;
}

describe('LaTeX tables', () => {
  jest.setTimeout(60_000);

  it('escapes every LaTeX special character in labels', () => {
    expect(escapeLatex(HOSTILE_LATEX_LABEL)).toBe('Turbo\\_VAED \\#2 \\& 50\\% \\$fast\\$');
    expect(escapeLatex('a\\b {c} ~d ^e <f>')).toBe('a\\textbackslash{}b \\{c\\} \\textasciitilde{}d \\textasciicircum{}e \\textless{}f\\textgreater{}');
    expect(escapeLatex('17×64×64 — ∞ ± 1')).toBe('17$\\times$64$\\times$64 --- $\\infty$ $\\pm$ 1');
  });

  it('escapes hostile labels in the .tex source and keeps booktabs rules', async () => {
    const root = mkdtempSync(join(tmpdir(), 'evalkit-report-latex-'));
    try {
      const texFiles = await writeTablesDocument(root);
      expect(texFiles.length).toBeGreaterThanOrEqual(13);
      const zoo = readFileSync(texFiles.find((f) => f.startsWith(join(root, 'hostile')) && f.includes('zoo-sizes'))!, 'utf8');
      expect(zoo).toContain('Turbo\\_VAED \\#2 \\& 50\\% \\$fast\\$');
      expect(zoo).toContain('\\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{}');
      expect(zoo).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  // One compile serves both checks (pdflatex takes seconds); the folder goes in afterAll.
  const roots: string[] = [];
  let compiled: Promise<{ root: string; log: string }> | null = null;
  const compiledOnce = () =>
    (compiled ??= (async () => {
      const root = mkdtempSync(join(tmpdir(), 'evalkit-report-latex-'));
      roots.push(root);
      await writeTablesDocument(root);
      return { root, log: compile(root) };
    })());
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  pdflatex.it('every table of a full and a hostile run compiles with pdflatex and booktabs', async () => {
    expect((await compiledOnce()).log).not.toMatch(/Missing character/);
  });

  pdftotext.it('the compiled PDF has the hostile label back literally (pdftotext)', async () => {
    const { root } = await compiledOnce();
    const text = spawnSync('pdftotext', [join(root, 'tables.pdf'), '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Turbo_VAED #2 & 50% $fast$');
  });

  it('quotes CSV fields and escapes Markdown pipes', () => {
    const table: Table = {
      id: 't',
      section: 'agreement',
      title: 'a | b',
      caption: 'c',
      columns: [
        { header: 'name', align: 'left' },
        { header: 'v', align: 'right' },
      ],
      rows: [['x, "y"', '1|2']],
    };
    expect(csvTable(table)).toBe('name,v\r\n"x, ""y""",1|2\r\n');
    expect(markdownTable(table)).toContain('| x, "y" | 1\\|2 |');
    expect(latexTable(table)).toContain('x, "y" & 1\\textbar{}2 \\\\');
  });
});
