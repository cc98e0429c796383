import { buildZooModel } from '@evalkit/decoder-zoo';
import { describeProfile, EMBEDDED_PROFILES } from '../src/repro/profile';
import { latentFramesFor } from '../src/shared/zoo-frames';

describe('the smoke profile (npm start)', () => {
  const smoke = EMBEDDED_PROFILES.smoke;
  const d = smoke.decoders;

  it('keeps its decoder work within the 3-minute budget of npm start on 2 cores', () => {
    // FLOPs of the decodes the step always runs: warm-up plus the minimum runs of every model
    // (baselines take ~12-20 s a decode, so the 12 s a pair budget stops them at the minimum).
    const macs = [...new Set(d.pairs.flat())].reduce((sum, name) => sum + buildZooModel(name, { height: d.height, width: d.width, latentFrames: latentFramesFor(name, d.frames), widthMult: d.widthMult, materializeWeights: false }).macs, 0);
    const flops = (d.warmup + d.minRuns) * 2 * macs;
    // 6.5 TFLOP at 50 GFLOP/s (the GEMM rate measured on the 2-core dev machine under load) is 130 s,
    // leaving the other steps and the report 50 s. 17 frames needed 11.2 TFLOP (4 min 27 s under load).
    expect(flops).toBeLessThan(6.5e12);
    expect(flops).toBeGreaterThan(1e12); // still full-width decoders, not a toy
  });

  it('says what it is: its sizes and runs, and that its timings are a check, not a paper table', () => {
    const text = describeProfile(smoke);
    expect(text).toBe(
      "Profile smoke: a quick end-to-end check on a laptop CPU, not figures for a paper: decoders at full width, 64x64, 9 frames, 3-5 interleaved runs after 1 warm-up (at most 12 s a pair after the minimum); kernels: smoke preset, 100 ms a task; HTP: 2,000 bootstrap resamples. Timings are this machine's at these small sizes, with few runs; for a table, run --profile paper (or bench decoders with more runs) on an idle machine.",
    );
    expect(describeProfile(EMBEDDED_PROFILES.paper)).toMatch(/^Profile paper: the papers' sizes \(long on a CPU\): decoders at full width, 512x512, 17 frames, 5-20 interleaved runs/);
  });
});
