import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZooModel } from '../src';
import { testData } from './helpers';

/** The decoder's convs in the order they must run: each norm's modulation pair right before the conv it feeds. */
function expectedOrder(): string[] {
  // node names follow the reference state-dict keys (decoder.up_blocks.0.resnets.0.norm1.conv_y.conv, ...)
  const order = ['decoder.conv_in.conv'];
  const block = (name: string) =>
    order.push(`${name}.norm1.conv_y.conv`, `${name}.norm1.conv_b.conv`, `${name}.conv1.conv`, `${name}.norm2.conv_y.conv`, `${name}.norm2.conv_b.conv`, `${name}.conv2.conv`);
  for (let i = 0; i < 2; i++) block(`decoder.mid_block.resnets.${i}`);
  for (let s = 0; s < 4; s++) {
    for (let i = 0; i < 4; i++) block(`decoder.up_blocks.${s}.resnets.${i}`);
    if (s < 3) order.push(`decoder.up_blocks.${s}.upsamplers.0.conv`);
  }
  order.push('decoder.norm_out.conv_y.conv', 'decoder.norm_out.conv_b.conv', 'decoder.conv_out.conv');
  return order;
}

// The SpatialNorm modulation convs depend only on the latent, so onnxruntime may schedule them anywhere.
// When it ran all 30 pairs first, their full-size outputs were alive at once (peak RSS 4.9 GB instead of
// 2.8 GB at 17x128x128; 256x256 did not fit in 24 GB). This reads the order onnxruntime actually ran
// the nodes in from its profile.
describe('CogVideoX in onnxruntime-node', () => {
  it('runs each SpatialNorm modulation conv just before the conv it feeds, not all at the start', async () => {
    const ort = await import('onnxruntime-node');
    const build = buildZooModel('cogvideox', { height: 16, width: 16, latentFrames: 2, widthMult: 1 / 16, seed: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'cog-profile-'));
    try {
      const session = await ort.InferenceSession.create(build.graph.toBytes(), { logSeverityLevel: 3, enableProfiling: true, profileFilePrefix: join(dir, 'run') });
      const n = build.inputShape.reduce((a, b) => a * b, 1);
      await session.run({ latent: new ort.Tensor('float32', testData(n, 2), build.inputShape) });
      session.endProfiling();
      await session.release();
      const file = readdirSync(dir).find((f) => f.endsWith('.json'));
      expect(file).toBeDefined();
      const events = JSON.parse(readFileSync(join(dir, file!), 'utf8')) as { cat?: string; name: string; args?: { op_name?: string } }[];
      const ran = events
        .filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time') && e.args?.op_name === 'Conv')
        // onnxruntime renames a conv it moves to its blocked NCHWc layout: <node>_out_0_nchwc
        .map((e) => e.name.replace(/_kernel_time$/, '').replace(/_\d+(_out_\d+_nchwc)?$/, ''))
        .filter((name) => !name.endsWith('conv_shortcut'));
      expect(ran).toEqual(expectedOrder());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
