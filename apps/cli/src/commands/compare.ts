import { Command, InvalidArgumentError } from 'commander';
import { ERROR_CODES, EvalkitError, readResultDocument } from '@evalkit/core';
import { compareDocuments, formatWithInterval, type DocumentComparison } from '@evalkit/bench';
import { formatTable, printJson } from '../shared/output';
import { commandGroup } from './bench-kernels';

const ms = (v: number, ci: [number, number] | null) => formatWithInterval(v, ci, { digits: v < 1 ? 4 : v < 100 ? 3 : 1 });
const change = (c: DocumentComparison['changes'][number]) => formatWithInterval(c.ratio, c.ratioCi95, { suffix: '×', digits: 3 });

/** The comparison as rows of text cells (shared by the terminal and Markdown forms). */
function cells(c: DocumentComparison): string[][] {
  return c.changes.map((x) => [`${x.row}${x.unstable ? ' !' : ''}`, ms(x.aMedianMs, x.aCi95Ms), ms(x.bMedianMs, x.bCi95Ms), change(x), x.verdict]);
}

const HEADERS = ['row', 'A median ms [95% CI]', 'B median ms [95% CI]', 'B/A [95% CI]', 'verdict'];

function footer(c: DocumentComparison): string[] {
  return [
    `A = ${c.a}, B = ${c.b} (${c.kind}). B/A below 1: B is faster. "faster"/"slower" only when the 95% interval excludes 1 and the change exceeds the ±${(100 * c.noise).toFixed(1)}% noise threshold.`,
    ...(c.changes.some((x) => x.unstable) ? ['! measured unstable in A or B (CV above 10% or interval wider than its target)'] : []),
    ...(c.onlyInA.length ? [`only in A: ${c.onlyInA.join(', ')}`] : []),
    ...(c.onlyInB.length ? [`only in B: ${c.onlyInB.join(', ')}`] : []),
  ];
}

/** Markdown form of a document comparison. */
export function comparisonMarkdownTable(c: DocumentComparison): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map((_, i) => (i === 0 || i === 4 ? ' --- ' : ' ---: ')).join('|')}|`, ...cells(c).map((r) => `| ${r.map(esc).join(' | ')} |`), '', ...footer(c)].join('\n');
}

function noiseThreshold(value: string): number {
  const m = /^\s*([\d.]+)\s*(%?)\s*$/.exec(value);
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!Number.isFinite(n) || n < 0 || n >= 1) throw new InvalidArgumentError(`expected a fraction such as 0.02 or 2%, got "${value}"`);
  return n;
}

/** Registers `evalkit compare A.json B.json` (and leaves `compare kernels` to its own file). */
export function registerCompare(program: Command): void {
  commandGroup(program, 'compare', 'compare result documents: two runs of a benchmark (change and verdict), or kernel documents of several devices')
    .argument('[files...]', 'two result documents of the same benchmark kind (decoder-bench or kernel-bench): A (before) and B (after)')
    // Parsed by hand: commander would otherwise give these options to \`compare\` even after \`compare kernels\`.
    .allowUnknownOption()
    .addHelpText(
      'after',
      `
Options (A B form):
  --noise <x>   changes within ± this are "no significant change" (default 0.02; 2% also accepted)
  --markdown    print a Markdown table
  --json        print the comparison as JSON

Per row present in both: the medians with their intervals, B/A with a 95% bootstrap interval from the
raw samples of both runs, and a verdict as pyperf's compare_to gives one. Rows only one side has are listed.

Examples:
  evalkit compare before.json after.json
  evalkit compare reports/a/decoder-bench.json reports/b/decoder-bench.json --markdown > change.md
  evalkit compare kernels t1.json t2.json            several devices side by side (see compare kernels --help)`,
    )
    .action((args: string[]) => {
      const opts = { noise: 0.02, markdown: false, json: false };
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === '--markdown') opts.markdown = true;
        else if (a === '--json') opts.json = true;
        else if (a === '--noise' || a.startsWith('--noise=')) {
          const v = a.includes('=') ? a.slice(8) : args[++i];
          try {
            opts.noise = noiseThreshold(v ?? '');
          } catch (error) {
            throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, (error as Error).message, { field: '--noise', value: v ?? null });
          }
        } else if (a.startsWith('--')) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'unknown option of compare (known: --noise, --markdown, --json)', { field: 'option', value: a });
        else files.push(a);
      }
      if (files.length !== 2) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'give exactly two result documents (A and B)', { field: 'files', value: files.length });
      const [a, b] = files.map((source) => ({ source, doc: readResultDocument(source) }));
      const c = compareDocuments(a, b, { noise: opts.noise });
      if (opts.json) printJson(c);
      else if (opts.markdown) process.stdout.write(`${comparisonMarkdownTable(c)}\n`);
      else process.stdout.write(`${formatTable(HEADERS, cells(c))}\n\n${footer(c).join('\n')}\n`);
    });
}
