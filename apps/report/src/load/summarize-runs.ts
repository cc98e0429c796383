import { resolve } from 'node:path';
import { SECTION_TITLES } from '../messages';
import type { LoadedDocument, RunSummary } from '../model';
import { deviceLabel, runNames, seriesLabels } from './series-labels';

/** A document with the run and series it belongs to. */
export interface PlacedDocument {
  loaded: LoadedDocument;
  run: string;
  series: string;
}

/** Whether the report has a section for this kind. */
export function isSectionKind(kind: string): kind is keyof typeof SECTION_TITLES {
  return Object.prototype.hasOwnProperty.call(SECTION_TITLES, kind);
}

/**
 * Places every document in its run and series, and summarises each run from its manifests
 * (tool, version, seed, git revision, dates, device).
 */
export function summarizeRuns(runDirs: readonly string[], documents: readonly LoadedDocument[]): { runs: RunSummary[]; placed: PlacedDocument[]; series: string[] } {
  const names = runNames(runDirs);
  const runOf = (d: LoadedDocument) => names.get(resolve(d.runDir)) ?? d.runDir;
  const labels = seriesLabels(documents.map((d) => ({ run: runOf(d), device: deviceLabel(d.document.manifest.device) })));
  const placed = documents.map((loaded) => {
    const run = runOf(loaded);
    return { loaded, run, series: labels.get(`${run}\u0000${deviceLabel(loaded.document.manifest.device)}`) ?? run };
  });
  const series = [...new Set(placed.map((p) => p.series))];
  const runs: RunSummary[] = [];
  for (const dir of runDirs) {
    const run = names.get(resolve(dir)) ?? dir;
    if (runs.some((r) => r.run === run)) continue;
    const mine = placed.filter((p) => p.run === run);
    runs.push({
      run,
      dir,
      series: [...new Set(mine.map((p) => p.series))],
      documents: mine.map(({ loaded, series: s }) => {
        const m = loaded.document.manifest;
        return {
          run,
          series: s,
          file: loaded.file,
          kind: loaded.kind,
          known: isSectionKind(loaded.kind),
          tool: m.tool,
          toolVersion: m.toolVersion,
          command: m.command.join(' '),
          seed: m.seed,
          gitRevision: m.gitRevision,
          startedAt: m.startedAt,
          finishedAt: m.finishedAt,
          device: m.device,
          rows: loaded.document.results.length,
        };
      }),
    });
  }
  return { runs, placed, series };
}
