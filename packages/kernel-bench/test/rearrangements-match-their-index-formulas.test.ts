import { depthToSpaceCrd, depthToSpaceCrd5d } from '../src/kernels/depth-to-space';
import { nearestToFrames } from '../src/kernels/nearest-to-frames';
import { nearestUpsample2d, nearestUpsample3d } from '../src/kernels/nearest-upsample';
import { pixelShuffle3dDecoupled } from '../src/kernels/pixel-shuffle-decoupled';
import { pixelShuffle3dJoint } from '../src/kernels/pixel-shuffle-joint';

// Each input element holds its own flat index, so an output value says exactly where it came from.
const iota = (n: number) => Float32Array.from({ length: n }, (_, i) => i);
const at = (dims: number[], ...idx: number[]) => idx.reduce((a, v, i) => a * dims[i] + v, 0);

describe('3-D pixel shuffles follow the channel layouts of the decoders', () => {
  const [n, c, t, h, w] = [2, 3, 2, 3, 4];
  const inDims = [n, 8 * c, t, h, w];
  const x = iota(n * 8 * c * t * h * w);

  /** Checks that every output of a 2x2x2 shuffle `y` holds the input element whose channel `channelOf` names (from the output's sub-position). */
  function expectEveryOutputFrom(y: Float32Array, channelOf: (ch: number, dt: number, dh: number, dw: number) => number): void {
    const outDims = [n, c, 2 * t, 2 * h, 2 * w];
    for (let b = 0; b < n; b++)
      for (let ch = 0; ch < c; ch++)
        for (let ot = 0; ot < 2 * t; ot++)
          for (let oh = 0; oh < 2 * h; oh++)
            for (let ow = 0; ow < 2 * w; ow++) {
              const src = at(inDims, b, channelOf(ch, ot % 2, oh % 2, ow % 2), ot >> 1, oh >> 1, ow >> 1);
              expect(y[at(outDims, b, ch, ot, oh, ow)]).toBe(src);
            }
  }

  it('LTX joint rank-8 shuffle reads channel c*8 + t*4 + h*2 + w', () => {
    expectEveryOutputFrom(pixelShuffle3dJoint(x, inDims, [2, 2, 2]), (ch, dt, dh, dw) => ch * 8 + dt * 4 + dh * 2 + dw);
  });

  it('Turbo-VAED decoupled shuffle reads channel c*8 + h*4 + w*2 + t', () => {
    expectEveryOutputFrom(pixelShuffle3dDecoupled(x, inDims, [2, 2, 2]), (ch, dt, dh, dw) => ch * 8 + dh * 4 + dw * 2 + dt);
  });

  it('the two shuffles are the same permutation once the conv output channels are relabelled', () => {
    // Relabel decoupled-layout channels into the joint layout; both shuffles must then agree exactly.
    const relabelled = new Float32Array(x.length);
    const plane = t * h * w;
    for (let b = 0; b < n; b++)
      for (let ch = 0; ch < c; ch++)
        for (let pt = 0; pt < 2; pt++)
          for (let ph = 0; ph < 2; ph++)
            for (let pw = 0; pw < 2; pw++) {
              const joint = ch * 8 + pt * 4 + ph * 2 + pw;
              const decoupled = ch * 8 + ph * 4 + pw * 2 + pt;
              relabelled.set(x.subarray((b * 8 * c + joint) * plane, (b * 8 * c + joint + 1) * plane), (b * 8 * c + decoupled) * plane);
            }
    expect(Array.from(pixelShuffle3dDecoupled(relabelled, inDims, [2, 2, 2]))).toEqual(Array.from(pixelShuffle3dJoint(x, inDims, [2, 2, 2])));
  });
});

describe('DepthToSpace CRD', () => {
  it('matches PyTorch pixel_shuffle: out[c, h*b+i, w*b+j] = in[c*b*b + i*b + j, h, w]', () => {
    const dims = [1, 2 * 9, 2, 3];
    const y = depthToSpaceCrd(iota(18 * 6), dims, 3);
    const outDims = [1, 2, 6, 9];
    for (let ch = 0; ch < 2; ch++)
      for (let oh = 0; oh < 6; oh++) for (let ow = 0; ow < 9; ow++) expect(y[at(outDims, 0, ch, oh, ow)]).toBe(at(dims, 0, ch * 9 + (oh % 3) * 3 + (ow % 3), Math.floor(oh / 3), Math.floor(ow / 3)));
  });

  it('per frame on 5-D leaves frames in place', () => {
    const dims = [1, 8, 3, 2, 2];
    const y = depthToSpaceCrd5d(iota(8 * 12), dims, 2);
    const outDims = [1, 2, 3, 4, 4];
    for (let ch = 0; ch < 2; ch++)
      for (let f = 0; f < 3; f++)
        for (let oh = 0; oh < 4; oh++) for (let ow = 0; ow < 4; ow++) expect(y[at(outDims, 0, ch, f, oh, ow)]).toBe(at(dims, 0, ch * 4 + (oh % 2) * 2 + (ow % 2), f, oh >> 1, ow >> 1));
  });
});

describe('nearest upsampling', () => {
  it('3-D x(2,2,2) and spatial-only (1,2,2) repeat the floor-indexed source', () => {
    const dims = [1, 2, 3, 2, 3];
    const x = iota(36);
    for (const f of [
      [2, 2, 2],
      [1, 2, 2],
      [3, 1, 2],
    ] as [number, number, number][]) {
      const y = nearestUpsample3d(x, dims, f);
      const od = [1, 2, 3 * f[0], 2 * f[1], 3 * f[2]];
      expect(y.length).toBe(od.reduce((a, b) => a * b, 1));
      for (let ch = 0; ch < 2; ch++)
        for (let a = 0; a < od[2]; a++)
          for (let b = 0; b < od[3]; b++)
            for (let d = 0; d < od[4]; d++) expect(y[at(od, 0, ch, a, b, d)]).toBe(at(dims, 0, ch, Math.floor(a / f[0]), Math.floor(b / f[1]), Math.floor(d / f[2])));
    }
  });

  it('2-D on NCHW', () => {
    const y = nearestUpsample2d(iota(2 * 2 * 3), [2, 1, 2, 3], [2, 3]);
    const od = [2, 1, 4, 9];
    for (let b = 0; b < 2; b++) for (let i = 0; i < 4; i++) for (let j = 0; j < 9; j++) expect(y[at(od, b, 0, i, j)]).toBe(at([2, 1, 2, 3], b, 0, i >> 1, Math.floor(j / 3)));
  });

  it('CogVideoX per-frame layout puts frame 2t+r of batch n at row n*2T + 2t + r', () => {
    const dims = [2, 3, 2, 2, 2];
    const y = nearestToFrames(iota(48), dims, [2, 2, 2]);
    const od = [2 * 4, 3, 4, 4];
    for (let b = 0; b < 2; b++)
      for (let f = 0; f < 4; f++)
        for (let ch = 0; ch < 3; ch++)
          for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(y[at(od, b * 4 + f, ch, i, j)]).toBe(at(dims, b, ch, f >> 1, i >> 1, j >> 1));
  });
});
