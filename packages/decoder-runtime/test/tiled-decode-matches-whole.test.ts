import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZooModel } from '@evalkit/decoder-zoo';
import { decodeVideo, resolveDecoderModel } from '../src';
import { buildCodecDecoderGraph, encodeWithCodec, readCodecWeights } from '@evalkit/codec';
import { DecoderSession, decodeTiled, DEFAULT_GEOMETRY, planTiles, randomLatents, tilesForBudget, estimateDecodeBytes, type Latent } from '../src';
import { fixtureClip, maxAbsDiff } from './codec-fixture';

describe('tiled decoding', () => {
  let session: DecoderSession;
  beforeAll(async () => {
    session = await DecoderSession.open(buildCodecDecoderGraph(readCodecWeights()).toBytes(), { source: 'codec' });
  });
  afterAll(() => session.release());
  const decode = (tile: Latent) => session.decode(tile);

  // The codec decodes each latent position independently, so a tile's pixels equal the whole decode's
  // pixels and every blend mixes equal values: tiled == whole up to float rounding (stated: 1e-5).
  it.each([
    ['temporal only', { frames: 3 }],
    ['spatial only', { height: 7, width: 6 }],
    ['temporal and spatial with custom overlaps', { frames: 3, height: 6, width: 9, overlapFrames: 2, overlapSpatial: 2 }],
    ['minimal tiles', { frames: 2, height: 2, width: 2, overlapFrames: 1, overlapSpatial: 1 }],
  ])('%s: tiled equals whole within 1e-5 on the fixture clip latents', async (_name, options) => {
    const { video } = await fixtureClip();
    const latent = encodeWithCodec(video, readCodecWeights());
    const whole = await session.decode(latent);
    const plan = planTiles(latent.shape, DEFAULT_GEOMETRY, options);
    expect(plan.count).toBeGreaterThan(1);
    const tiled = await decodeTiled(latent, decode, DEFAULT_GEOMETRY, plan);
    expect(tiled.shape).toEqual(whole.shape);
    expect(maxAbsDiff(tiled.data, whole.data)).toBeLessThan(1e-5);
  });

  it('cross-fades two temporal tiles linearly as diffusers blend_t does (hand-derived)', async () => {
    // Each tile decodes to a constant: 10 for the tile starting at latent frame 0, 20 for the later one.
    const latent = randomLatents([1, 16, 5, 2, 2], 1);
    const constant = async (tile: Latent) => {
      const start = tile.data[0] === latent.data[0] ? 0 : 1;
      const frames = 4 * tile.shape[2] - 3;
      return { data: new Float32Array(3 * frames * 16 * 16).fill(start === 0 ? 10 : 20), shape: [1, 3, frames, 16, 16] };
    };
    const plan = planTiles(latent.shape, DEFAULT_GEOMETRY, { frames: 4, overlapFrames: 3 });
    expect(plan.frames.starts).toEqual([0, 1]);
    const out = await decodeTiled(latent, constant, DEFAULT_GEOMETRY, plan);
    // Tile 0: latents 0..3 -> frames 0..12. Tile 1: latents 1..4 -> frames 4..16, first dropped -> 5..16.
    // Overlap frames 5..12 (E = 8): frame 5 + x has weight x/8 for tile 1, 1 - x/8 for tile 0.
    const frame = (f: number) => out.data[f * 16 * 16];
    for (let f = 0; f <= 4; f++) expect(frame(f)).toBe(10);
    for (let x = 0; x < 8; x++) expect(frame(5 + x)).toBeCloseTo(10 * (1 - x / 8) + 20 * (x / 8), 5);
    for (let f = 13; f <= 16; f++) expect(frame(f)).toBe(20);
  });

  it('picks tiles from a memory budget: the whole clip when it fits, smaller tiles under a tight budget', () => {
    const model = { fixedBytes: 100 * 2 ** 20, bytesPerOutputVoxel: 400 };
    const thw = [5, 90, 160]; // 17 x 720 x 1280
    const whole = estimateDecodeBytes(thw, thw, DEFAULT_GEOMETRY, model);
    expect(tilesForBudget(thw, DEFAULT_GEOMETRY, whole + 1, model).tiles).toBe(1);
    const tight = tilesForBudget(thw, DEFAULT_GEOMETRY, whole / 4, model);
    expect(tight.tiles).toBeGreaterThan(1);
    expect(tight.estimatedBytes).toBeLessThanOrEqual(whole / 4);
    expect(() => tilesForBudget(thw, DEFAULT_GEOMETRY, 50 * 2 ** 20, model)).toThrow(/no tiling fits/);
  });

  it('rejects overlaps that leave no stride', () => {
    expect(() => planTiles([1, 16, 5, 16, 16], DEFAULT_GEOMETRY, { height: 4, overlapSpatial: 4 })).toThrow(/overlap must be a non-negative integer smaller than the tile/);
  });

  it('rejects temporal tiles of a causal decoder that share no latent frame (their frames would have no tile)', () => {
    expect(() => planTiles([1, 16, 4, 8, 8], DEFAULT_GEOMETRY, { frames: 2, overlapFrames: 0 })).toThrow(
      expect.objectContaining({ field: 'overlapFrames', value: 0, message: expect.stringMatching(/share at least 1 latent frame/) }),
    );
    // A plain (4T) decoder keeps every frame of every tile, so no overlap is fine there.
    expect(planTiles([1, 16, 4, 8, 8], { compression: [4, 8, 8], frameRule: 'plain' }, { frames: 2, overlapFrames: 0 }).frames.starts).toEqual([0, 2]);
  });
});

describe('decodeVideo with a fixed-size ONNX file', () => {
  it('tiles latents larger than the graph\'s fixed input at the graph\'s size (zoo Turbo-VAED-Hunyuan x1/16 exported at 3x4x4 latents)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'evk-fixed-')), 'turbo-3x4x4.onnx');
    writeFileSync(path, buildZooModel('turbo-vaed-hunyuan', { latentFrames: 3, height: 32, width: 32, widthMult: 1 / 16, seed: 2 }).graph.toBytes());
    const tiles: number[] = [];
    const out = await decodeVideo(resolveDecoderModel(path), randomLatents([1, 16, 5, 7, 9], 4), { onTile: (_i, n) => tiles.push(n) });
    expect(out.video.shape).toEqual([1, 3, 17, 56, 72]);
    expect(out.plan).not.toBeNull();
    expect([out.plan!.frames.size, out.plan!.height.size, out.plan!.width.size]).toEqual([3, 4, 4]);
    // T: starts 0,1,2 (overlap 2); h = 7: 0,3; w = 9: 0,3,5 (the last tile moved back to the edge).
    expect(out.plan!.count).toBe(3 * 2 * 3);
    expect(out.video.data.every(Number.isFinite)).toBe(true);
  }, 60_000);
});
