import type { DataNote, SeriesDocument } from '../model';
import { documentOf } from './document-of';

/** Said of documents that mark themselves synthetic without a note of their own. */
const SYNTHETIC_FALLBACK = 'synthetic data: checks the pipeline, not a real system';

/**
 * What the documents of one section say their data is: `summary.dataNote`, or a generic line when
 * they only say `summary.synthetic: true`. Null when none says anything.
 */
export function sectionDataNote(docs: readonly SeriesDocument[]): DataNote | null {
  const notes: { note: string; series: string }[] = [];
  for (const { loaded, series } of docs) {
    // Both sections' summaries declare synthetic and dataNote (core's htp-consistency and agreement schemas).
    const summary = loaded.kind === 'agreement' ? documentOf(loaded, 'agreement').summary : documentOf(loaded, 'htp-consistency').summary;
    const note = summary?.dataNote;
    if (note) notes.push({ note, series });
    else if (summary?.synthetic === true) notes.push({ note: SYNTHETIC_FALLBACK, series });
  }
  if (notes.length === 0) return null;
  const series = [...new Set(notes.map((n) => n.series))];
  return { note: [...new Set(notes.map((n) => n.note))].join('; '), series, everySeries: new Set(docs.map((d) => d.series)).size === series.length };
}
