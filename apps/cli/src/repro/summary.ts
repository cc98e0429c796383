import { relative } from 'node:path';
import type { ResultDocument } from '@evalkit/core';
import { describeProfile, type ReproProfile } from './profile';
import type { StepOutcome } from './runner';
import { formatTable } from '../shared/output';

type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const interval = (v: unknown, ci: unknown, digits: number, suffix = ''): string => {
  const n = num(v);
  if (n === null) return '–';
  const c = Array.isArray(ci) && ci.length === 2 ? ci.map(num) : null;
  return c && c[0] !== null && c[1] !== null ? `${n.toFixed(digits)}${suffix} [${c[0].toFixed(digits)}, ${c[1].toFixed(digits)}]` : `${n.toFixed(digits)}${suffix}`;
};
const fixed = (v: unknown, digits: number, suffix = ''): string => {
  const n = num(v);
  if (n !== null) return `${n.toFixed(digits)}${suffix}`;
  return v === 'Infinity' ? '∞' : '–';
};

/** What `evalkit repro` prints at the end, and its JSON form. */
export interface ReproSummary {
  text: string;
  json: Record<string, unknown>;
}

/** Builds the closing summary from the step documents: the numbers a user came for, then where the report is. */
export function reproSummary(input: {
  runDir: string;
  profile: ReproProfile;
  outcomes: StepOutcome[];
  documents: Map<string, ResultDocument[]>;
  indexHtml: string;
  missingSections: string[];
  seconds: number;
}): ReproSummary {
  const parts: string[] = [describeProfile(input.profile), ''];
  const rows = (id: string, i = 0): Row[] => (input.documents.get(id)?.[i]?.results as Row[] | undefined) ?? [];
  const summaryOf = (id: string, i = 0): Row => (input.documents.get(id)?.[i]?.summary as Row | undefined) ?? {};

  const zoo = rows('zoo-sizes');
  if (zoo.length > 0) {
    parts.push(
      'Decoder sizes (params, M: ours vs paper; MACs at the zoo size)',
      formatTable(
        ['model', 'params M', 'paper M', 'GMAC'],
        zoo.map((r) => [String(r.model), fixed(Number(r.params) / 1e6, 2), fixed(r.paperParamsM, 1), fixed(Number(r.macs) / 1e9, 1)]),
      ),
      '',
    );
  }
  const pairs = (summaryOf('decoder-bench').pairs as Row[] | undefined) ?? [];
  const bench = rows('decoder-bench');
  if (bench.length > 0) {
    const r0 = bench[0];
    parts.push(
      `Decoder speed on this CPU (${r0.height}x${r0.width}, ${r0.outputFrames} frames; paper: GPU at 512x512)`,
      formatTable(
        ['baseline', 'turbo', 'speedup [95% CI]', 'paper GPU speedup'],
        pairs.map((p) => [String(p.baseline), `${String(p.turbo)}${p.unstable === true ? ' !' : ''}`, interval(p.speedup, p.speedupCi95, 1, 'x'), fixed(p.paperGpuSpeedup, 1, 'x')]),
      ),
      ...(pairs.some((p) => p.unstable === true) ? ['! unstable: CV above 10% or interval wider than ±5% (few runs in this profile; see `evalkit bench decoders --help`)'] : []),
      '',
    );
  }
  const kernels = rows('kernel-bench').filter((r) => r.state === 'completed' && r.implementation === 'onnx' && r.part === 'full');
  const six = kernels.filter((r) => String(r.variant) === '6');
  if (six.length > 0) {
    parts.push(
      'Kernels: decoupled 3D pixel shuffle (variant 6) vs nearest interpolate + conv (variant 1), onnxruntime',
      formatTable(
        ['shape', 'median ms [95% CI]', 'speedup vs 1 [95% CI]', 'of GEMM ceiling'],
        six.map((r) => [`${String(r.shapeLabel)}${r.unstable === true ? ' !' : ''}`, interval(r.medianMs, r.medianCi95Ms, 3), interval(r.speedupVsVariant1, r.speedupVsVariant1Ci95, 2, 'x'), fixed(Number(r.fractionOfMatmul) * 100, 0, '%')]),
      ),
      '',
    );
  }
  const recon = summaryOf('codec').mean as Row | undefined;
  if (recon) {
    parts.push(`Embedded codec round trip of the fixture clip: PSNR ${fixed(recon.psnr, 2, ' dB')}, SSIM ${fixed(recon.ssim, 4)}, flicker ${fixed(recon.flicker, 4)}`, '');
  }
  const htp = rows('htp', 0).filter((r) => r.group === 'Total' || r.group === 'Warning' || r.group === 'Observation');
  if (htp.length > 0) {
    const htpSummary = summaryOf('htp', 0);
    const cell = (group: string, level: string) => {
      const r = htp.find((x) => x.group === group && x.level === level);
      // The paper column is what the paper prints; a cell compared against a corrected value is marked.
      return r ? `${fixed(r.percent, 2)} (${fixed(r.paperPrinted ?? r.paperPercent, 2)}${r.paperNote ? ' †' : ''})` : '–';
    };
    const corrected = [...new Set(htp.filter((r) => typeof r.paperNote === 'string').map((r) => `† ${String(r.group)}/${String(r.level)}: ${String(r.paperNote)}`))];
    const warning = (htpSummary.warning as Row | undefined) ?? {};
    const note = typeof htpSummary.dataNote === 'string' ? htpSummary.dataNote : null;
    parts.push(
      `PsyDraw Table 1${note ? ` on the ${note}` : ''}`,
      'percent (paper prints)',
      formatTable(['level', 'Total', 'Warning', 'Observation'], ['High', 'Moderate', 'Low'].map((l) => [l, cell('Total', l), cell('Warning', l), cell('Observation', l)])),
      ...corrected,
      `Flagged Warning: ${fixed(warning.percent, 2, '%')} (paper ${fixed(warning.paperPercent, 2, '%')})`,
      '',
    );
  }
  const agreement = summaryOf('htp', 1) as { cohen?: Row; raters?: unknown; dataNote?: unknown };
  if (agreement.cohen) {
    const raters = Array.isArray(agreement.raters) ? agreement.raters.map(String).join(' vs ') : 'two raters';
    const note = typeof agreement.dataNote === 'string' ? ` (${agreement.dataNote})` : '';
    parts.push(`Agreement, ${raters}${note}: Cohen's kappa ${fixed(agreement.cohen.kappa, 3)}, quadratic ${fixed(agreement.cohen.quadratic, 3)}`, '');
  }

  parts.push(
    'Steps',
    formatTable(
      ['step', 'state', 'seconds'],
      input.outcomes.map((o) => [o.id, o.state === 'failed' ? `FAILED: ${o.error}` : o.state, o.state === 'skipped' ? '–' : o.seconds.toFixed(1)]),
    ),
    '',
  );
  if (input.missingSections.length > 0) parts.push(`Sections absent from the report: ${input.missingSections.join(', ')}`);
  parts.push(`Finished in ${input.seconds.toFixed(0)} s. Report: ${relative(process.cwd(), input.indexHtml)}`);
  return {
    text: parts.join('\n'),
    json: {
      runDir: input.runDir,
      profile: input.profile,
      indexHtml: input.indexHtml,
      seconds: input.seconds,
      steps: input.outcomes,
      missingSections: input.missingSections,
      pairs,
    },
  };
}
