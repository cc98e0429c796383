import type { Command } from 'commander';
import { createProgressReporter, type ProgressTask } from '../shared/progress';
import { MESSAGES, renderReport, serveReport, type RenderReportResult } from '@evalkit/report';
import { relative } from 'node:path';
import { cliManifest } from '../shared/context';
import { portNumber } from '../shared/parse';
import { formatTable, printJson } from '../shared/output';

/** Options of `evalkit report`. */
export interface ReportCliOptions {
  out?: string;
  force?: boolean;
  png: boolean;
  json?: boolean;
}

/** Renders the report with a progress bar; the manifest of this command goes into report.json. */
export async function runReport(runDirs: string[], opts: ReportCliOptions, silent = false): Promise<RenderReportResult> {
  const startedAt = new Date();
  const progress = createProgressReporter({ silent });
  let task: ProgressTask | undefined;
  try {
    return await renderReport({
      runDirs,
      outDir: opts.out ?? 'reports/latest',
      png: opts.png,
      force: opts.force,
      manifest: cliManifest('report', { config: { runDirs, out: opts.out ?? 'reports/latest', png: opts.png }, startedAt }),
      onProgress: (step, done, total) => {
        task ??= progress.start('report', total);
        task.tick(1, step);
        if (done === total) task.done();
      },
    });
  } finally {
    progress.stop();
  }
}

function summary(result: RenderReportResult): string {
  const rel = (p: string) => relative(process.cwd(), p) || '.';
  // "figures/decoder-fps.{vl.json,svg,png}": one line per figure, however deep the output folder is.
  const files = (paths: (string | undefined)[]) => {
    const present = paths.filter((x): x is string => x !== undefined).map((p) => relative(result.outDir, p));
    const stem = present[0].replace(/\.(vl\.json|md)$/, '');
    return `${stem}.{${present.map((p) => p.slice(stem.length + 1)).join(',')}}`;
  };
  const lines = [
    `Report in ${rel(result.outDir)}: index.html (${result.documents} documents from ${result.runs.length} run folder(s); series: ${result.series.join(', ')})`,
    '',
    formatTable(
      ['figure', 'section', 'files'],
      result.figures.map((f) => [f.id, f.section, files([f.files.spec, f.files.svg, f.files.png])]),
    ),
    '',
    formatTable(['table', 'section', 'files'], result.tables.map((t) => [t.id, t.section, files([t.files.markdown, t.files.csv, t.files.latex])])),
  ];
  if (result.missingSections.length > 0) lines.push('', `absent sections (no documents of these kinds): ${result.missingSections.join(', ')}`);
  if (result.unknownDocuments.length > 0) lines.push('', `documents of kinds the report does not draw: ${result.unknownDocuments.map((d) => `${rel(d.file)} (${d.kind})`).join(', ')}`);
  if (result.warnings.length > 0) lines.push('', ...result.warnings.map((w) => `warning: ${w}`));
  lines.push('', MESSAGES.cliWrote(rel(result.indexHtml), (result.timingsMs.total / 1000).toFixed(2)));
  return `${lines.join('\n')}\n`;
}

/** Registers `evalkit report RUN_DIR... --out DIR` and `evalkit report serve DIR`. */
export function registerReport(program: Command): void {
  const report = program
    .command('report')
    .description('render figures (Vega-Lite, SVG, PNG), tables (Markdown, CSV, LaTeX) and one offline HTML page from result documents')
    .argument('<runDirs...>', 'run folders holding result documents (one per device or run; compared side by side)')
    .option('--out <dir>', 'where the report goes', 'reports/latest')
    .option('--no-png', 'skip the PNG copies of the figures')
    .option('--force', 'write into an --out folder that holds other files too (only the report\'s own files are replaced)')
    .option('--json', 'print what was written (figures, tables, absent sections, timings) as JSON')
    .addHelpText(
      'after',
      `
Every JSON file in the run folders whose schema is "evalkit/<kind>@1" is read (sub-folders too).
Kinds without documents give a report that lists them as absent; an invalid document stops with an
error naming the file and field, before anything is written.

Examples:
  evalkit report reports/run-laptop --out reports/laptop
  evalkit report reports/run-laptop reports/run-phone --out reports/compare    two devices side by side
  evalkit report reports/run-laptop --out reports/laptop --json
  evalkit report serve reports/compare --port 8080                             view it on http://127.0.0.1:8080/`,
    )
    .action(async (runDirs: string[], opts: ReportCliOptions) => {
      const result = await runReport(runDirs, opts, opts.json === true && !process.stderr.isTTY);
      if (opts.json) printJson(result);
      else process.stdout.write(summary(result));
    });

  report
    .command('serve')
    .description('serve a rendered report folder on 127.0.0.1 (this machine only) until Ctrl-C')
    .argument('<dir>', 'a folder written by evalkit report')
    .option('--port <n>', 'port to listen on, 0 to 65535 (0 picks a free one)', portNumber, 8080)
    .addHelpText(
      'after',
      `
Examples:
  evalkit report serve reports/latest
  evalkit report serve reports/compare --port 9000`,
    )
    .action(async (dir: string, opts: { port: number }) => {
      const server = await serveReport(dir, opts.port);
      process.stdout.write(`${MESSAGES.cliServing(server.url)}\n`);
      await new Promise<void>((resolveStop) => {
        const stop = () => resolveStop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
