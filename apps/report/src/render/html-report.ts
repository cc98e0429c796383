import { MESSAGES, SECTION_TITLES } from '../messages';
import type { NormalizedReport, SectionKind } from '../model';
import type { Figure } from '../specs/figure';
import type { Table } from '../tables/table';
import { escapeHtml, jsonForScript, scriptForHtml } from './html-escape';
import { htmlTable } from './html-table';
import { dataNoteSentence } from '../tables/htp-tables';

/** What the page needs besides the data: the viewer bundle and where each figure's and table's files live. */
export interface HtmlReportInput {
  report: NormalizedReport;
  figures: readonly Figure[];
  tables: readonly Table[];
  missingSections: readonly SectionKind[];
  /** The vega + vega-lite + vega-embed browser bundle, inlined. */
  viewerBundle: string;
  /** Figure and table files relative to the page, for download links. */
  figureFiles: (figure: Figure) => Record<string, string>;
  tableFiles: (table: Table) => Record<string, string>;
  generatedAt: string;
  /** How a document's file is shown (relative to its run folder). */
  displayFile: (file: string) => string;
}

// The page makes no network requests: everything is inline, and the policy forbids connections.
// vega compiles its expressions with Function(), hence 'unsafe-eval'.
const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1200px;padding:1rem 2rem;color:#222}
h1{margin-bottom:.2rem} h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
.intro,.caption,.note{color:#555;font-size:.9rem}
figure{margin:1.5rem 0;overflow-x:auto} figcaption{color:#555;font-size:.9rem;margin-top:.3rem}
table.data{border-collapse:collapse;font-size:.85rem;margin:1rem 0 .2rem} table.data caption{text-align:left;font-weight:600;padding-bottom:.3rem}
table.data th,table.data td{padding:.2rem .6rem;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
table.data thead th{border-bottom:2px solid #999} .num{text-align:right!important;font-variant-numeric:tabular-nums}
.files a{margin-right:.6rem;font-size:.85rem} .absent{color:#8a5a00} nav a{margin-right:.8rem}
.table-wrap{overflow-x:auto} td.rev{word-break:break-all;max-width:12rem;font-family:monospace;font-size:.75rem}
`;

function links(files: Record<string, string>): string {
  return `<span class="files">${Object.entries(files)
    .map(([label, href]) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`)
    .join('')}</span>`;
}

function runSummary(input: HtmlReportInput): string {
  const documents = input.report.runs.flatMap((run) => run.documents);
  // One row per device (series), then one per document: the device block would repeat otherwise.
  const devices = new Map<string, (typeof documents)[number]>();
  for (const d of documents) if (!devices.has(d.series)) devices.set(d.series, d);
  const deviceRows = [...devices.values()].map((d) => {
    const v = d.device;
    const cells = [d.series, d.run, v.cpuModel, String(v.logicalCores), `${(v.memoryBytes / 2 ** 30).toFixed(1)} GiB`, `${v.os} ${v.osRelease} ${v.arch}`, `node ${v.nodeVersion}`, v.onnxruntimeVersion ? `onnxruntime ${v.onnxruntimeVersion}` : '—', v.executionProvider ?? '—'];
    return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  const documentRows = documents.map((d) => {
    const cells = [d.run, input.displayFile(d.file), d.kind, `${d.tool} ${d.toolVersion}`, d.seed === null ? '—' : String(d.seed), d.gitRevision ?? '—', d.startedAt, d.finishedAt, d.command];
    return `<tr>${cells.map((c, i) => `<td${i === 5 ? ' class="rev"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  const head = (cells: string[]) => `<thead><tr>${cells.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
  return `<section id="runs"><h2>${escapeHtml(MESSAGES.runSummaryTitle)}</h2><p class="intro">${escapeHtml(MESSAGES.runSummaryIntro)}</p>
<div id="run-summary">
<div class="table-wrap"><table class="data" id="run-devices">${head(['Device', 'Run', 'CPU', 'Cores', 'Memory', 'OS', 'Node.js', 'onnxruntime', 'Provider'])}<tbody>
${deviceRows.join('\n')}
</tbody></table></div>
<div class="table-wrap"><table class="data" id="run-documents">${head(['Run', 'File', 'Kind', 'Tool', 'Seed', 'Git revision', 'Started', 'Finished', 'Command'])}<tbody>
${documentRows.join('\n')}
</tbody></table></div>
</div></section>`;
}

/** A section's heading, labelled when its documents say their data is synthetic. */
function sectionTitle(kind: SectionKind, report: NormalizedReport): string {
  const note = kind === 'htp-consistency' ? report.dataNotes.htp : kind === 'agreement' ? report.dataNotes.agreement : null;
  return note ? `${SECTION_TITLES[kind]} — ${MESSAGES.syntheticLabel}` : SECTION_TITLES[kind];
}

function section(kind: SectionKind, input: HtmlReportInput): string {
  const figures = input.figures.filter((f) => f.section === kind);
  const tables = input.tables.filter((t) => t.section === kind);
  const notes: string[] = [];
  if (kind === 'kernel-bench') {
    const errored = input.report.kernels.filter((k) => k.state !== 'completed').length;
    if (errored > 0) notes.push(MESSAGES.erroredKernels(errored));
  }
  if (kind === 'recon-metrics') {
    const nonFinite = input.report.reconVideos.filter((v) => [v.psnr, v.ssim, v.msssim].some((x) => x !== null && !Number.isFinite(x))).length;
    if (nonFinite > 0) notes.push(MESSAGES.nonFiniteDropped(nonFinite));
  }
  const figureHtml = figures.map(
    (f) => `<figure id="figure-${escapeHtml(f.id)}"><div class="vega-figure" data-figure="${escapeHtml(f.id)}"></div>
<figcaption><strong>${escapeHtml(f.title)}.</strong> ${escapeHtml(f.description)} ${links(input.figureFiles(f))}</figcaption></figure>`,
  );
  const tableHtml = tables.map((t) => `<div class="table-wrap">${htmlTable(t)}<p>${links(input.tableFiles(t))}</p></div>`);
  const dataNote = kind === 'htp-consistency' ? input.report.dataNotes.htp : kind === 'agreement' ? input.report.dataNotes.agreement : null;
  if (dataNote) notes.unshift(dataNoteSentence(dataNote));
  return `<section id="section-${kind}"${dataNote ? ' data-synthetic="true"' : ''}><h2>${escapeHtml(sectionTitle(kind, input.report))}</h2>
${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n')}
${figureHtml.join('\n')}
${tableHtml.join('\n')}
</section>`;
}

/** Renders the one self-contained HTML page: run summary, every section's figures and tables, absent sections. */
export function htmlReport(input: HtmlReportInput): string {
  const present = (Object.keys(SECTION_TITLES) as SectionKind[]).filter((k) => !input.missingSections.includes(k));
  const specs = Object.fromEntries(input.figures.map((f) => [f.id, f.spec]));
  const nav = present.map((k) => `<a href="#section-${k}">${escapeHtml(sectionTitle(k, input.report))}</a>`).join('');
  const absent =
    input.missingSections.length === 0
      ? ''
      : `<section id="absent"><h2>${escapeHtml(MESSAGES.absentTitle)}</h2><p class="absent">${escapeHtml(MESSAGES.absentIntro)}</p><ul>${input.missingSections
          .map((k) => `<li class="absent" data-kind="${escapeHtml(k)}">${escapeHtml(MESSAGES.sectionAbsent(SECTION_TITLES[k]))} (${escapeHtml(k)})</li>`)
          .join('')}</ul></section>`;
  const unknown =
    input.report.unknownDocuments.length === 0
      ? ''
      : `<section id="unknown"><h2>${escapeHtml(MESSAGES.unknownTitle)}</h2><p>${escapeHtml(MESSAGES.unknownIntro)}</p><ul>${input.report.unknownDocuments
          .map((d) => `<li>${escapeHtml(input.displayFile(d.file))}: ${escapeHtml(d.kind)}</li>`)
          .join('')}</ul></section>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(MESSAGES.reportTitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(MESSAGES.reportTitle)}</h1>
<p class="intro">${escapeHtml(MESSAGES.reportIntro)} Generated ${escapeHtml(input.generatedAt)}.</p>
<p class="intro">${escapeHtml(MESSAGES.paperSource)}</p>
<nav><a href="#runs">${escapeHtml(MESSAGES.runSummaryTitle)}</a>${nav}${input.missingSections.length > 0 ? `<a href="#absent">${escapeHtml(MESSAGES.absentTitle)}</a>` : ''}</nav></header>
${runSummary(input)}
${present.map((k) => section(k, input)).join('\n')}
${absent}
${unknown}
<script type="application/json" id="evalkit-specs">${jsonForScript(specs)}</script>
<script>${scriptForHtml(input.viewerBundle)}</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById('evalkit-specs').textContent);
  var nodes = document.querySelectorAll('.vega-figure');
  var pending = nodes.length;
  function settle() { pending -= 1; if (pending === 0) document.body.setAttribute('data-figures-rendered', 'true'); }
  if (pending === 0) document.body.setAttribute('data-figures-rendered', 'true');
  nodes.forEach(function (node) {
    var id = node.getAttribute('data-figure');
    window.vegaEmbed(node, specs[id], { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
      .then(function () { node.setAttribute('data-rendered', 'true'); settle(); })
      .catch(function (error) { node.setAttribute('data-rendered', 'error'); node.textContent = String(error); console.error(error); settle(); });
  });
})();
</script>
</body>
</html>
`;
}
