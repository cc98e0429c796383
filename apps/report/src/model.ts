import type { DeclaredFields, DeviceFingerprint, ResultDocument, ResultKind, ResultRow, ResultSummary } from '@evalkit/core';
import type { SECTION_TITLES } from './messages';

/** A result kind the report draws (one section each). */
export type SectionKind = keyof typeof SECTION_TITLES;

/** One result document as read from a run folder. */
export interface LoadedDocument {
  /** Path of the file the document came from (as given, for messages). */
  file: string;
  /** The run folder it was found in. */
  runDir: string;
  /** The document's kind ("kernel-bench", ...). */
  kind: string;
  /** The validated document. */
  document: ResultDocument;
}

/** A loaded document with the series its rows draw as: what each normalizer reads. */
export interface SeriesDocument {
  loaded: LoadedDocument;
  series: string;
}

/** One document in the run summary, from its manifest. */
export interface DocumentSummary {
  run: string;
  series: string;
  file: string;
  kind: string;
  /** Whether the report draws this kind. */
  known: boolean;
  tool: string;
  toolVersion: string;
  command: string;
  seed: number | null;
  gitRevision: string | null;
  startedAt: string;
  finishedAt: string;
  device: DeviceFingerprint;
  rows: number;
}

/** A run folder and the series label its results carry in figures. */
export interface RunSummary {
  run: string;
  dir: string;
  /** Labels of the series (device, or device and run) this folder's documents draw as. */
  series: string[];
  documents: DocumentSummary[];
}

/** Parameter and MAC counts of one decoder, with the paper's. */
export interface ZooRow {
  model: string;
  label: string;
  family: string;
  baseline: string | null;
  paramsM: number;
  paperParamsM: number | null;
  macsT: number;
  paperMacsT: number | null;
  latentChannels: number | null;
  compression: string;
  size: string;
}

/** One decoder timing on one series. */
export interface DecoderRow {
  series: string;
  model: string;
  label: string;
  size: string;
  meanMs: number;
  medianMs: number;
  p99Ms: number;
  sdMs: number;
  fps: number;
  /** 95% interval of the FPS (from the median's interval); null in documents without one. */
  fpsCi95: [number, number] | null;
  medianCi95Ms: [number, number] | null;
  /** Flagged unstable when measured (CV above 10% or interval wider than its target). */
  unstable: boolean;
  gflops: number | null;
  /** Of the compute ceiling, never above 1 (a row above the measured ceiling raised it). */
  ceilingFraction: number | null;
  /** This row beat the measured ceiling and so raised it. */
  aboveCeiling: boolean;
  paperGpuFps: number | null;
  paperIphoneFps: number | null;
  /** A zoo graph, a user's ONNX file, or the reference PyTorch model run eagerly. */
  source: 'zoo' | 'file' | 'torch';
  params: number | null;
  /** The ONNX file a file row timed: path as given, size, SHA-256. */
  onnxFile: { path: string; bytes: number; sha256: string } | null;
}

/** One baseline/candidate speedup on one series. */
export interface DecoderPairRow {
  series: string;
  baseline: string;
  /** The candidate's label (a Turbo decoder, or the user's own). */
  turbo: string;
  pair: string;
  speedup: number;
  /** 95% paired-bootstrap interval; null in documents without one. */
  speedupCi95: [number, number] | null;
  unstable: boolean;
  paperGpuSpeedup: number | null;
}

/** One kernel measurement on one series. */
export interface KernelRow {
  series: string;
  /** The variant's id ("1", "6", "7a", ...). */
  variantId: string;
  /** The variant's label (what it computes). */
  variant: string;
  variantIndex: number;
  implementation: string;
  part: string;
  shape: string;
  state: string;
  error: string | null;
  meanMs: number | null;
  medianMs: number | null;
  p99Ms: number | null;
  /** Relative margin of error of the mean, % (older documents, before median intervals). */
  rme: number | null;
  medianCi95Ms: [number, number] | null;
  unstable: boolean;
  gbps: number | null;
  gflops: number | null;
  fractionOfMemcpy: number | null;
  fractionOfMatmul: number | null;
  /** Ceilings this row beat and so raised ("matmul", "memcpy"). */
  aboveCeiling: string[];
  speedupVsVariant1: number | null;
  speedupVsVariant1Ci95: [number, number] | null;
}

/** Per-video reconstruction quality of one comparison (reference vs test) on one series. */
export interface ReconVideoRow {
  series: string;
  /** Names the comparison: the test input's name, prefixed by the series when several series exist. */
  comparison: string;
  video: string;
  frames: number;
  psnr: number | null;
  psnrPooled: number | null;
  ssim: number | null;
  msssim: number | null;
  flicker: number | null;
}

/** Quality retention of one metric (test relative to baseline). */
export interface RetentionRow {
  series: string;
  comparison: string;
  metric: string;
  higherIsBetter: boolean;
  baseline: number;
  test: number;
  retention: number;
}

// Rows the report draws as the documents carry them are the core schemas' types plus the series
// they are drawn as: one declaration of each field (core's), never a hand-written copy.
type SchemaRow<K extends ResultKind> = DeclaredFields<ResultRow<K>>;
type HtpSummary = DeclaredFields<NonNullable<ResultSummary<'htp-consistency'>>>;

/** One consistency cell (group x level) with its intervals and the paper's printed and compared values. */
export type HtpRow = { series: string } & Omit<SchemaRow<'htp-consistency'>, 'paperPrinted' | 'paperNote'> & {
  /** What the paper prints in this cell (documents before corrections: the compared value). */
  paperPrinted: number | null;
  /** Why the compared value differs from the printed one, or null. */
  paperNote: string | null;
};

/** Reports a system's safety step marked abnormal in one group, among those with a verdict (percent in %). */
export type HtpSafetyRow = { series: string } & NonNullable<HtpSummary['safety']>[number];

/** Token cost of one group's reports, of one kind (total, prompt, completion). */
export type HtpCostRow = { series: string } & NonNullable<HtpSummary['cost']>[number];

/** What a section's documents say their data is (e.g. a synthetic study), and which series it applies to. */
export interface DataNote {
  note: string;
  /** Series whose documents carry the note. */
  series: string[];
  /** Whether every series of the section carries it. */
  everySeries: boolean;
}

/** The share of Warning reports (the PsyDraw abstract's number). */
export type HtpWarningRow = { series: string; n: number; paperPercent: number | null } & Pick<NonNullable<HtpSummary['warning']>, 'count' | 'percent' | 'wilsonLow' | 'wilsonHigh'>;

/** One agreement coefficient with its interval. */
export type AgreementRow = { series: string } & SchemaRow<'agreement'>;

/** Everything the figures and tables draw, in plain rows. */
export interface NormalizedReport {
  runs: RunSummary[];
  /** Series labels in the order they first appear. */
  series: string[];
  /** Kinds with at least one document. */
  kinds: string[];
  unknownDocuments: { file: string; kind: string }[];
  zoo: ZooRow[];
  decoders: DecoderRow[];
  decoderPairs: DecoderPairRow[];
  kernels: KernelRow[];
  reconVideos: ReconVideoRow[];
  retention: RetentionRow[];
  htp: HtpRow[];
  htpWarning: HtpWarningRow[];
  htpSafety: HtpSafetyRow[];
  htpCost: HtpCostRow[];
  agreement: AgreementRow[];
  /** Notes on the data of the HTP and agreement sections (null when the documents carry none). */
  dataNotes: { htp: DataNote | null; agreement: DataNote | null };
  /** The Turbo-VAED paper's claimed quality retention, drawn as a reference line (as the recon-metrics documents carry it; null when none does). */
  paperQualityRetention: number | null;
}
