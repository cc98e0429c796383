/**
 * Every user-facing string of the report in one catalogue, so wording stays consistent between the
 * HTML page, the tables, the CLI and error messages (and can be reviewed in one place).
 */
export const MESSAGES = {
  reportTitle: 'evalkit report',
  reportIntro: 'Figures and tables rendered from evalkit result documents. Every figure is a Vega-Lite spec (.vl.json) you can edit; tables come as Markdown, CSV and LaTeX (booktabs).',
  runSummaryTitle: 'Runs',
  runSummaryIntro: 'From the run manifests: the devices the results were measured on, then one row per result document.',
  absentTitle: 'Absent sections',
  absentIntro: 'No result documents of these kinds were found in the run folders, so their sections are left out:',
  unknownTitle: 'Documents of kinds the report does not draw',
  unknownIntro: 'These documents were read and are listed here, but the report has no figures or tables for their kind:',
  sectionAbsent: (title: string) => `${title}: no result documents of this kind were found.`,
  nonFiniteDropped: (count: number) => `${count} non-finite value(s) (e.g. an identical pair's PSNR) are not drawn; the tables show them.`,
  erroredKernels: (count: number) => `${count} kernel measurement(s) errored; the table lists them with their error.`,
  downloads: 'Files',
  syntheticLabel: 'synthetic study',
  syntheticCaption: 'Synthetic study: these numbers check the pipeline, not the published system (see the note).',
  paperSource: 'Paper values: Turbo-VAED (Tables 1–2) and PsyDraw (Table 1), from fixtures/paper (which cites their sources), as each document carries them from when it was written.',
  // errors
  noRunDirs: 'give at least one run folder',
  runDirMissing: 'run folder does not exist',
  runDirNotFolder: 'not a folder',
  noDocuments: 'no result documents (*.json with an "evalkit/<kind>@<version>" schema) in this folder',
  serveDirMissing: 'report folder does not exist or has no index.html',
  servePortInUse: 'this port is already in use on 127.0.0.1; pick another with --port, or --port 0 for a free one',
  servePortDenied: 'not allowed to listen on this port (ports below 1024 need privileges); pick another with --port',
  // CLI
  cliWrote: (html: string, seconds: string) => `wrote ${html} in ${seconds} s`,
  cliServing: (url: string) => `serving the report at ${url} (127.0.0.1 only; Ctrl-C to stop)`,
} as const;

/** Human titles of the sections, one per result kind the report draws, in page order. */
export const SECTION_TITLES = {
  'zoo-sizes': 'Decoder sizes (parameters and MACs)',
  'decoder-bench': 'Decoder throughput',
  'kernel-bench': 'Upsampling kernels',
  'recon-metrics': 'Reconstruction quality',
  'htp-consistency': 'HTP consistency (PsyDraw)',
  agreement: 'Agreement coefficients',
} as const;
