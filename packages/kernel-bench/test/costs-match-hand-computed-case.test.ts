import { GraphBuilder } from '@evalkit/onnx-graph';
import { VARIANTS } from '../src';
import { OnnxSink } from '../src/onnx-sink';
import { replayStages } from '../src/variants';
import { shapeDims, type Shape5 } from '../src/shape';
import { stagesCost } from '../src/run-kernel-bench';

// C=2, T=1, H=W=2: small enough to count by hand.
//  variant 1: Resize nearest reads 2*1*2*2 = 8 floats and writes 2*2*4*4 = 64 -> (8+64)*4 = 288 B;
//             Conv3d 2->2 k3: weights 2*2*27 = 108 + bias 2; reads 64, writes 64 -> (64+110+64)*4 = 952 B.
//             MACs = Cout*Cin*27 per output position = 2*2*27 * (2*4*4 = 32) = 3456.
//  variant 6: Conv3d 2->16 k3: weights 16*2*27 = 864 + 16 bias; reads 8, writes 16 channels * 1*2*2 = 64
//             -> (8+880+64)*4 = 3808 B; the shuffle reads 64 and writes 64 -> 512 B.
//             MACs = 16*2*27 * 4 positions = 3456: the same work as variant 1, at a quarter of the positions.
//  variant 4: ConvTranspose k4: MACs = Cin*Cout*64 per input position = 2*2*64*4 = 1024.
//  variant 3: trilinear: 8 taps per output, 64 outputs = 512 MACs on top of the conv's 3456.
//  variant 8b: depthwise 5^3 on 2 channels at 4 positions = 1000, pointwise 2*2*4 = 16.
const shape: Shape5 = { n: 1, c: 2, t: 1, h: 2, w: 2 };
const cost = (id: string) => stagesCost(VARIANTS.find((v) => v.id === id)!.stages(shape), shapeDims(shape));

describe('byte and MAC accounting', () => {
  it('matches the hand-computed case', () => {
    expect(cost('1')).toMatchObject({ bytes: 288 + 952, macs: 3456, outputDims: [1, 2, 2, 4, 4] });
    expect(cost('6')).toMatchObject({ bytes: 3808 + 512, macs: 3456, outputDims: [1, 2, 2, 4, 4] });
    expect(cost('5')).toMatchObject({ bytes: 3808 + 512, macs: 3456 });
    expect(cost('4').macs).toBe(1024);
    expect(cost('3').macs).toBe(3456 + 512);
    expect(cost('8b').macs).toBe(1016);
  });

  it('every upsampling variant ends at the same [N, C, 2T, 2H, 2W] (spatial-only: [N, C, T, 2H, 2W])', () => {
    const s: Shape5 = { n: 1, c: 4, t: 3, h: 5, w: 6 };
    for (const v of VARIANTS) {
      const out = stagesCost(v.stages(s), shapeDims(s)).outputDims;
      const expected = v.index === 8 ? [1, 4, 3, 5, 6] : v.index === 7 ? [1, 4, 3, 10, 12] : [1, 4, 6, 10, 12];
      expect([v.id, out]).toEqual([v.id, expected]);
    }
  });

  it('agrees with onnx-graph, which counts MACs independently from the built graph', () => {
    const s: Shape5 = { n: 1, c: 16, t: 3, h: 6, w: 10 };
    for (const v of VARIANTS) {
      const g = new GraphBuilder({ materializeWeights: false });
      replayStages(new OnnxSink(g), g.input('x', shapeDims(s)), v.stages(s));
      const c = stagesCost(v.stages(s), shapeDims(s));
      // onnx-graph counts conv MACs only; the trilinear taps are ours (8 per output).
      const resizeTaps = v.id === '3' ? 16 * 6 * 12 * 20 * 8 : 0;
      expect([v.id, g.totalMacs()]).toEqual([v.id, c.macs - resizeTaps]);
    }
  });
});
