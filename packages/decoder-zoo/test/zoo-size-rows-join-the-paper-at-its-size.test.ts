import { readPaperValues } from '@evalkit/core';
import { latentFramesFor } from '../src';
import { zooSizeRows } from '../src/zoo-sizes';

describe('zooSizeRows', () => {
  const paper = readPaperValues().turboVaed;

  it('puts the paper MACs beside ours only at the paper size (512x512, 17 frames)', () => {
    const at512 = zooSizeRows({ height: 512, width: 512 }, paper);
    const hunyuan = at512.find((r) => r.model === 'hunyuanvideo')!;
    // Turbo-VAED Table 1: HunyuanVideo decoder 146.1 M parameters, 38.97 TMAC at 512x512x17.
    expect(hunyuan).toMatchObject({ paperParamsM: 146.1, paperMacsT: 38.97, latentFrames: 5, outputFrames: 17 });
    const at256 = zooSizeRows({ height: 256, width: 256 }, paper).find((r) => r.model === 'hunyuanvideo')!;
    expect(at256.paperMacsT).toBeNull();
    expect(at256.paperParamsM).toBe(146.1);
  });

  it('leaves paper fields null without paper values', () => {
    for (const r of zooSizeRows({ height: 256, width: 256 }, null)) expect([r.paperParamsM, r.paperMacsT]).toEqual([null, null]);
  });

  it('picks the latent frames that give 17 output frames: 5 for 4T-3 decoders, 3 for 8T-7', () => {
    expect(latentFramesFor('hunyuanvideo', 17)).toBe(5);
    expect(latentFramesFor('turbo-vaed-ltx', 17)).toBe(3);
  });
});
