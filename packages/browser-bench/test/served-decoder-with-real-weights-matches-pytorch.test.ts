import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { readNpyFile } from '@evalkit/media-io';
import { DecoderAssets } from '../src';

// Fixtures written by tools/reference-decoders/make_fixtures.py from the public hustvl/Turbo-VAED code
// (a reduced-width checkpoint and the reference PyTorch decoder's output for its latents).
const fixture = resolve(__dirname, '../../../fixtures/reference-decoders/turbo-vaed-hunyuan');

describe('decoders served with --weights', () => {
  it('serve the checkpoint: the served graph decodes the reference latents within 1e-4 of PyTorch', async () => {
    const latents = readNpyFile(join(fixture, 'latents.npy'));
    const reference = readNpyFile(join(fixture, 'reference.npy'));
    const [, , t, h, w] = latents.shape;
    const assets = new DecoderAssets({ models: ['turbo-vaed-hunyuan'], height: h * 8, width: w * 8, frames: reference.shape[2], widthMult: 1, seed: 0, weights: { 'turbo-vaed-hunyuan': join(fixture, 'weights.safetensors') } });
    expect(assets.assets[0].latentShape).toEqual(latents.shape);
    expect(assets.assets[0].latentShape[2]).toBe(t);
    expect(assets.assets[0].outputShape).toEqual(reference.shape);
    const session = await ort.InferenceSession.create(assets.file('turbo-vaed-hunyuan', 'onnx')!);
    try {
      const out = await session.run({ latent: new ort.Tensor('float32', Float32Array.from(latents.data as ArrayLike<number>), latents.shape) });
      const video = out.video.data as Float32Array;
      let max = 0;
      for (let i = 0; i < video.length; i++) max = Math.max(max, Math.abs(video[i] - Number(reference.data[i])));
      expect(video.length).toBe(reference.data.length);
      expect(max).toBeLessThanOrEqual(1e-4);
    } finally {
      await session.release();
    }
  }, 120_000);

  it('refuses another model\'s checkpoint before any page connects, naming the file', () => {
    expect(() => new DecoderAssets({ models: ['hunyuanvideo'], height: 64, width: 64, frames: 17, widthMult: 1, seed: 0, weights: { hunyuanvideo: join(fixture, 'weights.safetensors') } })).toThrow(/weights\.safetensors|config/);
  });
});
