import { relative } from 'node:path';
import { validateResultDocumentOfKind, type KindDocument, type ResultDocument, type ResultKind } from '@evalkit/core';
import { describeProfile, type ReproProfile } from './profile';
import type { StepOutcome } from './runner';
import { formatTable } from '../shared/output';

const fixed = (v: number | null | undefined, digits: number, suffix = ''): string => {
  if (typeof v === 'number' && Number.isFinite(v)) return `${v.toFixed(digits)}${suffix}`;
  return v === Infinity ? '∞' : '–';
};
/** A value with its 95% interval when the document has one: "1.50x [1.40, 1.60]". */
const interval = (v: number | null | undefined, ci: readonly [number, number] | null | undefined, digits: number, suffix = ''): string => {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '–';
  return ci && Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? `${v.toFixed(digits)}${suffix} [${ci[0].toFixed(digits)}, ${ci[1].toFixed(digits)}]` : `${v.toFixed(digits)}${suffix}`;
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
  // Each step's document parsed with its kind's schema: the numbers below are typed, never guessed.
  const doc = <K extends ResultKind>(id: string, i: number, kind: K): KindDocument<K> | undefined => {
    const d = input.documents.get(id)?.[i];
    return d ? validateResultDocumentOfKind(d, kind, `${id} step, document ${i + 1}`) : undefined;
  };

  const zoo = doc('zoo-sizes', 0, 'zoo-sizes')?.results ?? [];
  if (zoo.length > 0) {
    parts.push(
      'Decoder sizes (params, M: ours vs paper; MACs at the zoo size)',
      formatTable(
        ['model', 'params M', 'paper M', 'GMAC'],
        zoo.map((r) => [r.model, fixed(r.params / 1e6, 2), fixed(r.paperParamsM, 1), fixed(r.macs / 1e9, 1)]),
      ),
      '',
    );
  }
  const decoderBench = doc('decoder-bench', 0, 'decoder-bench');
  const pairs = decoderBench?.summary?.pairs ?? [];
  const bench = decoderBench?.results ?? [];
  if (bench.length > 0) {
    const r0 = bench[0];
    parts.push(
      `Decoder speed on this CPU (${r0.height}x${r0.width}, ${r0.outputFrames} frames; paper: GPU at 512x512)`,
      formatTable(
        ['baseline', 'turbo', 'speedup [95% CI]', 'paper GPU speedup'],
        pairs.map((p) => [p.baseline, `${p.turbo}${p.unstable === true ? ' !' : ''}`, interval(p.speedup, p.speedupCi95, 1, 'x'), fixed(p.paperGpuSpeedup, 1, 'x')]),
      ),
      ...(pairs.some((p) => p.unstable === true) ? ['! unstable: CV above 10% or interval wider than ±5% (few runs in this profile; see `evalkit bench decoders --help`)'] : []),
      '',
    );
  }
  const kernels = (doc('kernel-bench', 0, 'kernel-bench')?.results ?? []).filter((r) => r.implementation === 'onnx' && r.part === 'full');
  const six = kernels.filter((r) => r.state === 'completed' && r.variant === '6');
  if (six.length > 0) {
    parts.push(
      'Kernels: decoupled 3D pixel shuffle (variant 6) vs nearest interpolate + conv (variant 1), onnxruntime',
      formatTable(
        ['shape', 'median ms [95% CI]', 'speedup vs 1 [95% CI]', 'of GEMM ceiling'],
        six.map((r) => [`${r.shapeLabel}${r.unstable === true ? ' !' : ''}`, interval(r.medianMs, r.state === 'completed' ? r.medianCi95Ms : null, 3), interval(r.speedupVsVariant1, r.speedupVsVariant1Ci95, 2, 'x'), fixed(r.fractionOfMatmul === null ? null : r.fractionOfMatmul * 100, 0, '%')]),
      ),
      '',
    );
  }
  const recon = doc('codec', 0, 'recon-metrics')?.summary?.mean;
  if (recon) {
    parts.push(`Embedded codec round trip of the fixture clip: PSNR ${fixed(recon.psnr, 2, ' dB')}, SSIM ${fixed(recon.ssim, 4)}, flicker ${fixed(recon.flicker, 4)}`, '');
  }
  const htpDoc = doc('htp', 0, 'htp-consistency');
  const htp = (htpDoc?.results ?? []).filter((r) => r.group === 'Total' || r.group === 'Warning' || r.group === 'Observation');
  if (htp.length > 0) {
    const cell = (group: string, level: string) => {
      const r = htp.find((x) => x.group === group && x.level === level);
      // The paper column is what the paper prints; a cell compared against a corrected value is marked.
      return r ? `${fixed(r.percent, 2)} (${fixed(r.paperPrinted ?? r.paperPercent, 2)}${r.paperNote ? ' †' : ''})` : '–';
    };
    const corrected = [...new Set(htp.flatMap((r) => (r.paperNote ? [`† ${r.group}/${r.level}: ${r.paperNote}`] : [])))];
    const warning = htpDoc?.summary?.warning;
    const note = htpDoc?.summary?.dataNote ?? null;
    parts.push(
      `PsyDraw Table 1${note ? ` on the ${note}` : ''}`,
      'percent (paper prints)',
      formatTable(['level', 'Total', 'Warning', 'Observation'], ['High', 'Moderate', 'Low'].map((l) => [l, cell('Total', l), cell('Warning', l), cell('Observation', l)])),
      ...corrected,
      `Flagged Warning: ${fixed(warning?.percent, 2, '%')} (paper ${fixed(warning?.paperPercent, 2, '%')})`,
      '',
    );
  }
  const agreement = doc('htp', 1, 'agreement')?.summary;
  if (agreement?.cohen) {
    const raters = agreement.raters ? agreement.raters.join(' vs ') : 'two raters';
    const note = agreement.dataNote ? ` (${agreement.dataNote})` : '';
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
