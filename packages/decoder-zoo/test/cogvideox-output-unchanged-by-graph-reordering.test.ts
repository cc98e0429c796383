import { buildZooModel } from '../src';
import { runModel, testData } from './helpers';

// Output of the reduced CogVideoX graph (width 1/8, seed 7, latent [1,16,3,3,4] = testData(n, 11)) as the
// construction at commit 03b46c0 computed it in onnxruntime-node 1.30 (CPU), before the SpatialNorm
// modulation convs were moved ahead of the GroupNorm for memory. Reordering node creation must not
// change the weights (drawn in parameter order) or the function, so these values must still come out.
const BEFORE = {
  mean: -0.025593264868511153,
  rms: 0.17017925884634252,
  picks: [
    [0, -0.02359418], [864, 0.1044494], [1728, 0.03082722], [2592, -0.1257724], [3456, -0.1168435], [4320, -0.04522808],
    [5184, 0.09461671], [6048, 0.01039882], [6912, 0.03505184], [7776, -0.05499054], [8640, 0.06441499], [9504, -0.03318508],
    [10368, -0.07957205], [11232, 0.04388578], [12096, 0.02218592], [12960, 0.01348002], [13824, 0.1186561], [14688, 0.1183467],
    [15552, 0.3142022], [16416, -0.06390005], [17280, -0.07752477], [18144, -0.003170522], [19008, 0.2025978], [19872, 0.2894237],
  ] as const,
};

describe('CogVideoX decoder output', () => {
  it('is the same as before the memory reordering of its graph (fixed seed, width 1/8, 9x24x32)', async () => {
    const build = buildZooModel('cogvideox', { height: 24, width: 32, latentFrames: 3, widthMult: 1 / 8, seed: 7 });
    const n = build.inputShape.reduce((a, b) => a * b, 1);
    const out = (await runModel(build.graph, { latent: { data: testData(n, 11), dims: build.inputShape } })).video;
    expect(out.dims).toEqual([1, 3, 9, 24, 32]);
    let sum = 0;
    let sq = 0;
    for (const v of out.data) {
      sum += v;
      sq += v * v;
    }
    expect(sum / out.data.length).toBeCloseTo(BEFORE.mean, 5);
    expect(Math.sqrt(sq / out.data.length)).toBeCloseTo(BEFORE.rms, 5);
    for (const [i, v] of BEFORE.picks) expect([i, out.data[i]]).toEqual([i, expect.closeTo(v, 5)]);
  }, 30_000);
});
