import { relative, resolve } from 'node:path';
import { stageOutputFolder, type RunManifest } from '@evalkit/core';
import { displayPath, readRunFolders } from './io/read-run-folders';
import { viewerBundle } from './io/bundle-viewer';
import { svgToPng } from './io/rasterize-svg';
import { writeReportFiles } from './io/write-report-files';
import { SECTION_TITLES } from './messages';
import type { NormalizedReport, RunSummary, SectionKind } from './model';
import { normalizeReport } from './normalize/normalize-report';
import { csvTable } from './render/csv-table';
import { htmlReport } from './render/html-report';
import { latexTable } from './render/latex-table';
import { markdownTable } from './render/markdown-table';
import { renderSvg } from './render/vega-svg';
import { buildFigures } from './specs/build-figures';
import type { Figure } from './specs/figure';
import { buildTables } from './tables/build-tables';
import type { Table } from './tables/table';

/** Options of renderReport. */
export interface RenderReportOptions {
  /** Run folders to read result documents from (one per device or run); compared side by side. */
  runDirs: string[];
  /**
   * Where the report goes. A previous report there is replaced whole (no figure or table of a
   * section now absent survives); a folder holding other files is refused unless `force`.
   */
  outDir: string;
  /** Write into an outDir that holds other files too: only the report's own files are replaced. */
  force?: boolean;
  /** Also rasterise every figure to PNG (default true). */
  png?: boolean;
  /** Called as work advances: a step name, steps done, steps in all. */
  onProgress?: (step: string, done: number, total: number) => void;
  /** The time printed as "generated" (tests pin it). */
  now?: Date;
  /** The run manifest of the command that renders the report, recorded in report.json. */
  manifest?: RunManifest;
}

/** A figure written to disk: its spec, SVG and PNG paths. */
export interface RenderedFigure {
  id: string;
  section: SectionKind;
  title: string;
  files: { spec: string; svg: string; png?: string };
}

/** A table written to disk in every format. */
export interface RenderedTable {
  id: string;
  section: SectionKind;
  title: string;
  files: { markdown: string; csv: string; latex: string };
}

/** What renderReport wrote and found. */
export interface RenderReportResult {
  outDir: string;
  /** Path of the self-contained HTML page. */
  indexHtml: string;
  /** Path of report.json (this object, as JSON). */
  reportJson: string;
  figures: RenderedFigure[];
  tables: RenderedTable[];
  /** Kinds with no document in any run folder: their sections are absent from the report. */
  missingSections: SectionKind[];
  /** Documents of kinds the report does not draw (listed on the page, not fatal). */
  unknownDocuments: { file: string; kind: string }[];
  /** JSON files in the run folders that are not result documents (skipped). */
  skippedFiles: string[];
  runs: RunSummary[];
  series: string[];
  /** Warnings vega-lite raised while compiling the figures (none expected). */
  warnings: string[];
  documents: number;
  /** Milliseconds spent per phase, and in all. */
  timingsMs: { load: number; normalize: number; specs: number; render: number; bundle: number; write: number; total: number };
}

/** Reads, normalises and builds the figures and tables without writing anything (for tests and tools). */
export function buildReportModel(runDirs: readonly string[]): { report: NormalizedReport; figures: Figure[]; tables: Table[]; skippedFiles: string[] } {
  const { documents, skippedFiles, runDirs: distinctDirs } = readRunFolders(runDirs);
  const report = normalizeReport(distinctDirs, documents);
  return { report, figures: buildFigures(report), tables: buildTables(report), skippedFiles };
}

/**
 * Renders a report from one or more run folders: Vega-Lite specs, SVG and PNG figures, Markdown,
 * CSV and LaTeX tables, and one self-contained HTML page. Everything is computed in memory first,
 * so an invalid document fails before any file is written.
 */
export async function renderReport(options: RenderReportOptions): Promise<RenderReportResult> {
  const t0 = performance.now();
  const outDir = resolve(options.outDir);
  const progress = options.onProgress ?? (() => undefined);
  // Checked before any work; removed again (finally) when anything fails.
  const folder = stageOutputFolder(outDir, { owns: reportOwns, force: options.force });
  try {
    const result = await renderInto(options, outDir, folder.staging, progress, t0);
    folder.commit();
    return result;
  } finally {
    folder.discard();
  }
}

/** The entries a report writes into its folder (a rerun replaces exactly these). */
export function reportOwns(name: string): boolean {
  return ['index.html', 'report.json', 'figures', 'tables'].includes(name);
}

async function renderInto(options: RenderReportOptions, outDir: string, staging: string, progress: (step: string, done: number, total: number) => void, t0: number): Promise<RenderReportResult> {
  const { documents, skippedFiles, runDirs } = readRunFolders(options.runDirs);
  const t1 = performance.now();
  const report = normalizeReport(runDirs, documents);
  const t2 = performance.now();
  const figures = buildFigures(report);
  const tables = buildTables(report);
  const t3 = performance.now();

  // Start bundling the page's viewer while the figures render: the two do not depend on each other.
  const bundlePromise = viewerBundle();
  const files = new Map<string, string | Uint8Array>();
  const renderedFigures: RenderedFigure[] = [];
  const warnings: string[] = [];
  const total = figures.length + 1;
  for (const [i, figure] of figures.entries()) {
    const { svg, warnings: figureWarnings } = await renderSvg(figure.spec);
    warnings.push(...figureWarnings.map((w) => `${figure.id}: ${w}`));
    const stem = `figures/${figure.id}`;
    files.set(`${stem}.vl.json`, `${JSON.stringify(figure.spec, null, 2)}\n`);
    files.set(`${stem}.svg`, svg);
    const rendered: RenderedFigure = { id: figure.id, section: figure.section, title: figure.title, files: { spec: resolve(outDir, `${stem}.vl.json`), svg: resolve(outDir, `${stem}.svg`) } };
    if (options.png !== false) {
      files.set(`${stem}.png`, await svgToPng(svg));
      rendered.files.png = resolve(outDir, `${stem}.png`);
    }
    renderedFigures.push(rendered);
    progress(figure.id, i + 1, total);
  }
  const renderedTables: RenderedTable[] = tables.map((table) => {
    const stem = `tables/${table.id}`;
    files.set(`${stem}.md`, markdownTable(table));
    files.set(`${stem}.csv`, csvTable(table));
    files.set(`${stem}.tex`, latexTable(table));
    return { id: table.id, section: table.section, title: table.title, files: { markdown: resolve(outDir, `${stem}.md`), csv: resolve(outDir, `${stem}.csv`), latex: resolve(outDir, `${stem}.tex`) } };
  });
  const t4 = performance.now();
  const bundle = await bundlePromise;
  const t5 = performance.now();

  const present = new Set(report.kinds);
  const missingSections = (Object.keys(SECTION_TITLES) as SectionKind[]).filter((k) => !present.has(k));
  const runDirOf = new Map(documents.map((d) => [d.file, d.runDir]));
  const html = htmlReport({
    report,
    figures,
    tables,
    missingSections,
    viewerBundle: bundle,
    figureFiles: (f) => ({ 'Vega-Lite': `figures/${f.id}.vl.json`, SVG: `figures/${f.id}.svg`, ...(options.png !== false ? { PNG: `figures/${f.id}.png` } : {}) }),
    tableFiles: (t) => ({ Markdown: `tables/${t.id}.md`, CSV: `tables/${t.id}.csv`, LaTeX: `tables/${t.id}.tex` }),
    generatedAt: (options.now ?? new Date()).toISOString(),
    displayFile: (file) => displayPath(file, runDirOf.get(file) ?? '.'),
  });
  files.set('index.html', html);
  progress('index.html', total, total);

  const result: RenderReportResult = {
    outDir,
    indexHtml: resolve(outDir, 'index.html'),
    reportJson: resolve(outDir, 'report.json'),
    figures: renderedFigures,
    tables: renderedTables,
    missingSections,
    unknownDocuments: report.unknownDocuments,
    skippedFiles,
    runs: report.runs,
    series: report.series,
    warnings,
    documents: documents.length,
    timingsMs: { load: t1 - t0, normalize: t2 - t1, specs: t3 - t2, render: t4 - t3, bundle: t5 - t4, write: 0, total: 0 },
  };
  const t6 = performance.now();
  writeReportFiles(staging, files);
  const t7 = performance.now();
  result.timingsMs.write = t7 - t6;
  result.timingsMs.total = t7 - t0;
  const summary = { manifest: options.manifest ?? null, ...result, figures: result.figures.map((f) => ({ ...f, files: relativeFiles(outDir, f.files) })), tables: result.tables.map((t) => ({ ...t, files: relativeFiles(outDir, t.files) })) };
  writeReportFiles(staging, new Map([['report.json', `${JSON.stringify(summary, null, 2)}\n`]]));
  return result;
}

function relativeFiles<T extends Record<string, string | undefined>>(outDir: string, files: T): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined).map(([k, v]) => [k, relative(outDir, v as string)]));
}
