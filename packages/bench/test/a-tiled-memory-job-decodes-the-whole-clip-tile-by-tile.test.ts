import { runZooDecodeJobInChild } from '../src/jobs/run-job-in-child';

describe('a "once" job with tiles (the memory benchmark\'s tiled decode)', () => {
  it('builds the graph at the tile size and decodes the whole latent through it, with the same output as the untiled job', async () => {
    // Turbo-VAED-Hunyuan at 1/16 width, 64x64 output from 2 latent frames: 8x8 latents, tiled 4 high without overlap.
    const job = { model: 'turbo-vaed-hunyuan', height: 64, width: 64, latentFrames: 2, widthMult: 0.0625, seed: 0, mode: 'once' as const };
    const whole = await runZooDecodeJobInChild(job, { timeoutMs: 60_000 });
    const tiled = await runZooDecodeJobInChild({ ...job, tiles: { height: 4, overlapSpatial: 0 } }, { timeoutMs: 60_000 });
    expect(whole.tiles).toBe(1);
    expect(tiled.tiles).toBe(2);
    // 4T-3 frames from 2 latent frames, 8x the latent's 8x8 (hand-derived)
    expect(tiled.outputShape).toEqual([1, 3, 5, 64, 64]);
    expect(whole.outputShape).toEqual([1, 3, 5, 64, 64]);
    // Without overlap the seams differ from the whole decode (each tile sees zero padding there), but the
    // clip's mean stays close: a tile decoded at the wrong place or not at all would move it.
    expect(Math.abs(tiled.outputMean - whole.outputMean)).toBeLessThan(0.02);
  }, 120_000);
});
