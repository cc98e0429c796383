import { escapeMarkdownCell } from '@evalkit/media-io';
import { Command } from 'commander';
import { readResultDocument } from '@evalkit/core';
import { compareKernelDocuments, KERNEL_BENCH_HINT, type KernelComparison } from '@evalkit/bench';
import { formatTable, printJson } from '../shared/output';
import { commandGroup } from './bench-kernels';

const ms = (v: number | null) => (v === null ? '-' : v < 1 ? v.toFixed(4) : v.toFixed(2));
const ratio = (v: number | null) => (v === null ? '-' : v.toFixed(3));

/** Header and body cells of the two comparison tables. */
function comparisonCells(c: KernelComparison) {
  const devices = c.devices.map((d, i) => `[${i + 1}]`);
  return {
    medians: {
      headers: ['variant', 'shape', 'impl', 'part', ...devices.map((d) => `${d} median ms`)],
      rows: c.rows.map((r) => [r.variant, r.shapeLabel, r.implementation, r.part, ...r.medianMs.map(ms)]),
    },
    ratios: {
      headers: ['variant / baseline', 'shape', 'impl', 'part', ...devices.map((d) => `${d} ratio`)],
      rows: c.ratios.map((r) => [`${r.variant} / ${r.baseline}`, r.shapeLabel, r.implementation, r.part, ...r.ratio.map(ratio)]),
    },
    legend: c.devices.map((d, i) => `[${i + 1}] ${d.label} - ${d.source} (memcpy ${d.memcpyGBps?.toFixed(1) ?? '?'} GB/s, MatMul ${d.matmulGflops?.toFixed(1) ?? '?'} GFLOP/s)`),
  };
}

function markdownTable(headers: string[], rows: string[][]): string {
  const esc = escapeMarkdownCell;
  return [`| ${headers.map(esc).join(' | ')} |`, `|${headers.map((_, i) => (i < 4 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

const RATIO_NOTE = 'ratio = median(variant) / median(baseline) on that device, same shape: below 1 the pixel-shuffle (or separable) path is faster.';

/** The comparison as Markdown (devices legend, medians, ratios). */
export function comparisonMarkdown(c: KernelComparison): string {
  const cells = comparisonCells(c);
  return [
    '## Kernel benchmark across devices',
    '',
    ...cells.legend.map((l) => `- ${l}`),
    '',
    '### Median latency (ms)',
    '',
    markdownTable(cells.medians.headers, cells.medians.rows),
    '',
    '### Variant against its baseline',
    '',
    RATIO_NOTE,
    '',
    markdownTable(cells.ratios.headers, cells.ratios.rows),
    '',
  ].join('\n');
}

/** The comparison as plain aligned tables. */
export function comparisonText(c: KernelComparison): string {
  const cells = comparisonCells(c);
  return [...cells.legend, '', formatTable(cells.medians.headers, cells.medians.rows), '', RATIO_NOTE, formatTable(cells.ratios.headers, cells.ratios.rows), ''].join('\n');
}

/** Registers `evalkit compare kernels`. */
export function registerCompareKernels(program: Command): void {
  commandGroup(program, 'compare', 'merge result documents from several devices or runs into one table')
    .command('kernels')
    .description('merge kernel-bench documents from several devices: medians side by side and pixel-shuffle / interpolate+conv ratios')
    .argument('<files...>', 'kernel-bench result documents (from `evalkit bench kernels --out`)')
    .option('--markdown', 'print Markdown tables')
    .option('--json', 'print the merged comparison as JSON')
    .addHelpText(
      'after',
      `
Examples:
  evalkit bench kernels --threads 1 --out t1.json
  evalkit bench kernels --threads 2 --out t2.json
  evalkit compare kernels t1.json t2.json
  evalkit compare kernels phone.json laptop.json --markdown > kernels.md`,
    )
    .action((files: string[], opts: { markdown?: boolean; json?: boolean }) => {
      const comparison = compareKernelDocuments(files.map((source) => ({ source, doc: readResultDocument(source, 'kernel-bench', KERNEL_BENCH_HINT) })));
      if (opts.json) printJson(comparison);
      else process.stdout.write(opts.markdown ? comparisonMarkdown(comparison) : comparisonText(comparison));
    });
}
