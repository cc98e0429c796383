import { VARIANTS } from '../src';
import { checkVariant, splitStages, stagesCost, type KernelBenchOptions } from '../src/run-kernel-bench';
import { randomTensor } from '../src/random';
import { shapeDims, shapeSize, type Shape5 } from '../src/shape';
import { type VariantDefinition } from '../src/variants';
import { pixelShuffle3dJoint } from '../src/kernels/pixel-shuffle-joint';

// Odd, unequal sizes so a swapped axis or a wrong stride cannot pass by symmetry.
const shape: Shape5 = { n: 1, c: 3, t: 3, h: 5, w: 6 };
const opts = { threads: 1, seed: 11, referenceMacLimit: 1e9 } as KernelBenchOptions;

const rearrangeInput = (v: VariantDefinition, x: Float32Array) => {
  const { pre, rearrange } = splitStages(v.stages(shape));
  if (!rearrange) return null;
  return pre.length === 0 ? x : randomTensor(stagesCost(pre, shapeDims(shape)).outputDims.reduce((a, b) => a * b, 1), 5);
};

describe('every implementation of every variant agrees on the same input', () => {
  const x = randomTensor(shapeSize(shape), 3);
  it.each(VARIANTS.map((v) => [v.id, v] as const))('variant %s', async (_id, v) => {
    const checks = await checkVariant(v, shape, x, opts, rearrangeInput(v, x));
    // rearrangement ONNX vs TS, fused graph vs split graph + TS kernel, and ONNX vs the direct TS reference
    expect(checks.map((c) => c.method.split(':')[0])).toEqual(v.ts ? ['rearrangement', 'full path', 'full path'] : ['full path']);
    for (const c of checks) expect(c.maxAbsDiff).toBeLessThanOrEqual(c.tolerance);
    if (v.ts && v.ts.tolerance === 0) expect(checks[0].maxAbsDiff).toBe(0);
    expect(checks.at(-1)!.method).toMatch(/direct TS reference/);
  }, 30_000);

  it('fails loudly when a variant is given the wrong rearrangement', async () => {
    const v6 = VARIANTS.find((v) => v.id === '6')!;
    // LTX's layout instead of Turbo-VAED's: same shapes, different channel order.
    const wrong: VariantDefinition = { ...v6, ts: { ...v6.ts!, name: 'joint-instead-of-decoupled', run: (a, d, out) => pixelShuffle3dJoint(a, d, [2, 2, 2], out) } };
    await expect(checkVariant(wrong, shape, x, opts, rearrangeInput(v6, x))).rejects.toThrow(/implementations disagree/);
  });
});
