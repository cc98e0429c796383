import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvTable, escapeLatex, latexTable, markdownTable, renderReport, type Table } from '../src';
import { HOSTILE_LATEX_LABEL, writeFixtureRuns } from './fixtures/build-fixture-runs';

describe('LaTeX tables', () => {
  jest.setTimeout(60_000);

  it('escapes every LaTeX special character in labels', () => {
    expect(escapeLatex(HOSTILE_LATEX_LABEL)).toBe('Turbo\\_VAED \\#2 \\& 50\\% \\$fast\\$');
    expect(escapeLatex('a\\b {c} ~d ^e <f>')).toBe('a\\textbackslash{}b \\{c\\} \\textasciitilde{}d \\textasciicircum{}e \\textless{}f\\textgreater{}');
    expect(escapeLatex('17×64×64 — ∞ ± 1')).toBe('17$\\times$64$\\times$64 --- $\\infty$ $\\pm$ 1');
  });

  it('every table of a full and a hostile run compiles with pdflatex and booktabs', async () => {
    const root = mkdtempSync(join(tmpdir(), 'evalkit-report-latex-'));
    try {
      const runs = writeFixtureRuns(root);
      const full = await renderReport({ runDirs: [runs.laptop, runs.phone], outDir: join(root, 'full'), png: false });
      const hostile = await renderReport({ runDirs: [runs.hostile], outDir: join(root, 'hostile'), png: false });
      {
        const texFiles = [...full.tables, ...hostile.tables].map((t) => t.files.latex);
        expect(texFiles.length).toBeGreaterThanOrEqual(13);
        const zoo = readFileSync(hostile.tables.find((t) => t.id === 'zoo-sizes')!.files.latex, 'utf8');
        expect(zoo).toContain('Turbo\\_VAED \\#2 \\& 50\\% \\$fast\\$');
        expect(zoo).toContain('\\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{}');
        expect(zoo).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
        const doc = ['\\documentclass{article}', '\\usepackage[T1]{fontenc}', '\\usepackage{booktabs}', '\\usepackage[margin=1cm,landscape]{geometry}', '\\begin{document}', ...texFiles.map((f) => `\\input{${f}}\n\\clearpage`), '\\end{document}', ''].join('\n');
        writeFileSync(join(root, 'tables.tex'), doc);
        const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'tables.tex'], { cwd: root, encoding: 'utf8', timeout: 50_000 });
        if (r.status !== 0) throw new Error(`pdflatex failed:\n${r.stdout.split('\n').filter((l) => l.startsWith('!') || l.startsWith('l.')).join('\n')}`);
        expect(r.stdout).not.toMatch(/Missing character/);
        // The PDF's text has the label back literally.
        const text = spawnSync('pdftotext', [join(root, 'tables.pdf'), '-'], { encoding: 'utf8' });
        if (text.status === 0) expect(text.stdout).toContain('Turbo_VAED #2 & 50% $fast$');
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
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

// pdflatex exists on the CI image (.ci/run installs texlive); fail loudly rather than skip if not.
execFileSync('pdflatex', ['--version'], { stdio: 'ignore' });
