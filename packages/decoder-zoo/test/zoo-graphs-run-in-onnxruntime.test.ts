import { buildZooModel, listZooModels, zooModelInfo } from '../src';
import { runModel, testData } from './helpers';

// Small sizes at 1/16 width: every graph must load, run and produce the documented [1, 3, frames, H, W].
describe('every zoo graph runs in onnxruntime-node at a reduced width', () => {
  it.each(listZooModels())('%s', async (name) => {
    const info = zooModelInfo(name);
    const spatial = info.compression[1] * 2;
    const latentFrames = 2;
    const build = buildZooModel(name, { height: spatial, width: spatial * 2, latentFrames, widthMult: 1 / 16, seed: 1 });
    const frames = info.outputFrames(latentFrames);
    expect(build.outputShape).toEqual([1, 3, frames, spatial, spatial * 2]);
    expect(build.inputShape).toEqual([1, info.latentChannels, latentFrames, 2, 4]);
    const n = build.inputShape.reduce((a, b) => a * b, 1);
    const out = (await runModel(build.graph, { latent: { data: testData(n, 3), dims: build.inputShape } })).video;
    expect(out.dims).toEqual(build.outputShape);
    expect(out.data.every((v) => Number.isFinite(v))).toBe(true);
    // random weights still give a non-constant picture
    expect(out.data.reduce((a, b) => Math.max(a, b), -Infinity) - out.data.reduce((a, b) => Math.min(a, b), Infinity)).toBeGreaterThan(0);
  }, 60_000);

  it('documents the frame rules: 4T-3, 8T-7 and 4T', () => {
    expect(zooModelInfo('turbo-vaed-hunyuan').outputFrames(5)).toBe(17);
    expect(zooModelInfo('hunyuanvideo').outputFrames(5)).toBe(17);
    expect(zooModelInfo('cogvideox').outputFrames(5)).toBe(17);
    expect(zooModelInfo('turbo-vaed-ltx').outputFrames(3)).toBe(17);
    expect(zooModelInfo('ltx-video-0.9.0').outputFrames(3)).toBe(17);
    expect(zooModelInfo('turbo-vaed-dc').outputFrames(5)).toBe(20);
    expect(zooModelInfo('wan-2.1').outputFrames(5)).toBe(17);
  });

  it('gives the same weights for the same seed and different ones for another seed', () => {
    const bytes = (seed: number) => Buffer.from(buildZooModel('turbo-vaed-ltx', { height: 64, width: 64, latentFrames: 1, widthMult: 1 / 16, seed }).graph.toBytes());
    expect(bytes(4).equals(bytes(4))).toBe(true);
    expect(bytes(4).equals(bytes(5))).toBe(false);
  });

  it('rejects unknown names and sizes that do not divide, naming the field and value', () => {
    expect(() => zooModelInfo('vae-x')).toThrow(/field "model", value "vae-x": unknown decoder; the zoo has turbo-vaed-hunyuan/);
    expect(() => buildZooModel('turbo-vaed-ltx', { height: 100, width: 64, latentFrames: 1 })).toThrow(/field "height", value 100: turbo-vaed-ltx needs a height divisible by 32/);
    expect(() => buildZooModel('cogvideox', { height: 64, width: 64, latentFrames: 0 })).toThrow(/field "latentFrames", value 0/);
  });
});
