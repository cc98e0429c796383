import type { NormalizedReport } from '../model';
import { agreementFigure } from './agreement-spec';
import { decoderFpsFigure } from './decoder-fps-spec';
import { decoderSpeedupFigure } from './decoder-speedup-spec';
import type { Figure } from './figure';
import { htpConsistencyFigure } from './htp-consistency-spec';
import { kernelCeilingsFigure } from './kernel-ceilings-spec';
import { kernelLatencyFigure } from './kernel-latency-spec';
import { qualityRetentionFigure } from './quality-retention-spec';
import { reconQualityFigure } from './recon-quality-spec';
import { zooParametersFigure } from './zoo-parameters-spec';

/** Every figure builder, in page order; each returns null when its data is absent. */
export const FIGURE_BUILDERS: readonly ((report: NormalizedReport) => Figure | null)[] = [
  zooParametersFigure,
  decoderFpsFigure,
  decoderSpeedupFigure,
  kernelLatencyFigure,
  kernelCeilingsFigure,
  reconQualityFigure,
  qualityRetentionFigure,
  htpConsistencyFigure,
  agreementFigure,
];

/** Builds every figure the report's data supports. */
export function buildFigures(report: NormalizedReport): Figure[] {
  return FIGURE_BUILDERS.map((build) => build(report)).filter((f): f is Figure => f !== null);
}
