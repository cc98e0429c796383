import { summarizeRuns, isSectionKind } from '../load/summarize-runs';
import type { LoadedDocument, NormalizedReport } from '../model';
import { sectionDataNote } from './data-note';
import { normalizeAgreement } from './normalize-agreement';
import { normalizeDecoders } from './normalize-decoders';
import { normalizeHtp } from './normalize-htp';
import { normalizeKernels } from './normalize-kernels';
import { normalizeRecon } from './normalize-recon';
import { normalizeZoo } from './normalize-zoo';

/**
 * Turns the documents of every run folder into the plain rows the figures and tables draw. Paper
 * values come from the documents, which carry what they were compared with when written.
 */
export function normalizeReport(runDirs: readonly string[], documents: readonly LoadedDocument[]): NormalizedReport {
  const { runs, placed, series } = summarizeRuns(runDirs, documents);
  const ofKind = (kind: string) => placed.filter((p) => p.loaded.kind === kind);
  const decoders = normalizeDecoders(ofKind('decoder-bench'));
  const recon = normalizeRecon(ofKind('recon-metrics'), new Set(ofKind('recon-metrics').map((p) => p.series)).size > 1);
  const htp = normalizeHtp(ofKind('htp-consistency'));
  return {
    runs,
    series,
    kinds: [...new Set(documents.map((d) => d.kind))],
    unknownDocuments: documents.filter((d) => !isSectionKind(d.kind)).map((d) => ({ file: d.file, kind: d.kind })),
    zoo: normalizeZoo(ofKind('zoo-sizes').map((p) => p.loaded)),
    decoders: decoders.decoders,
    decoderPairs: decoders.pairs,
    kernels: normalizeKernels(ofKind('kernel-bench')),
    reconVideos: recon.videos,
    retention: recon.retention,
    htp: htp.rows,
    htpWarning: htp.warning,
    htpSafety: htp.safety,
    htpCost: htp.cost,
    agreement: normalizeAgreement(ofKind('agreement')),
    dataNotes: { htp: sectionDataNote(ofKind('htp-consistency')), agreement: sectionDataNote(ofKind('agreement')) },
    paperQualityRetention: recon.paperQualityRetention,
  };
}
