import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNpyFile } from '@evalkit/media-io';
import { GraphBuilder, conv, writeOnnxFile } from '@evalkit/onnx-graph';
import { useScratchDir } from '@evalkit/test-harness';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });
const quick = ['--runs', '1', '--warmup', '0', '--no-ceiling', '--threads', '1'];

describe('evalkit bench decoders refuses what it cannot benchmark, naming file, field and value, and writes nothing', () => {
  const scratch = useScratchDir('evk-bench-refuse-');
  let out: string;
  beforeAll(() => {
    out = join(scratch.path, 'never.json');
  });
  afterEach(() => expect(existsSync(out)).toBe(false));

  it('a file that is not an ONNX model (exit 1)', () => {
    const path = join(scratch.path, 'notes.onnx');
    writeFileSync(path, 'not a model\n');
    const r = run(['bench', 'decoders', '--models', `mine=${path}`, ...quick, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`evalkit: error [EVK_INVALID_INPUT] ${path}: not an ONNX model`);
  });

  it('an ONNX file onnxruntime does not load: its reason, from the child that tried (exit 1)', () => {
    const g = new GraphBuilder();
    const z = g.input('latent', [1, 16, 1, 2, 2]);
    g.output(g.addNode('NoSuchDecoderOp', [z], [[1, 3, 1, 16, 16]])[0], 'video');
    const path = join(scratch.path, 'unknown-op.onnx');
    writeOnnxFile(path, g);
    const r = run(['bench', 'decoders', '--models', `hunyuanvideo,mine=${path}`, '--pair', 'hunyuanvideo:mine', '--width-mult', '0.0625', '--height', '16', '--width', '16', '--frames', '1', ...quick, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[EVK_INVALID_INPUT\] field "model", value "mine": decoding mine failed: .*unknown-op\.onnx: onnxruntime cannot load this model: .*NoSuchDecoderOp/);
  });

  it('an input that is not one float32 tensor of rank 5 (exit 1)', () => {
    const g = new GraphBuilder();
    g.output(conv(g, g.input('image_latent', [1, 4, 8, 8]), { outChannels: 3, kernel: [1, 1] }), 'image');
    const path = join(scratch.path, 'image-decoder.onnx');
    writeOnnxFile(path, g);
    const r = run(['bench', 'decoders', '--models', path, ...quick, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`[EVK_INVALID_INPUT] ${path}, field "graph.input "image_latent" shape", value "1x4x8x8": the latent input must be a float32 tensor of rank 5`);
  });

  it('a pair naming a label that is not benched (usage error, exit 2)', () => {
    const r = run(['bench', 'decoders', '--models', 'hunyuanvideo,turbo-vaed-hunyuan', '--pair', 'hunyuanvideo:mine', ...quick, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('field "--pair", value "hunyuanvideo:mine": "mine" is not a benched model; the labels are hunyuanvideo, turbo-vaed-hunyuan');
  });

  it('latents that do not fit a file\'s fixed input (exit 1)', () => {
    const g = new GraphBuilder();
    g.output(conv(g, g.input('latent', [1, 16, 2, 4, 4]), { outChannels: 3, kernel: [1, 1, 1] }), 'video');
    const path = join(scratch.path, 'fixed.onnx');
    writeOnnxFile(path, g);
    const latents = join(scratch.path, 'z128.npy');
    writeNpyFile(latents, { data: new Float32Array(128 * 2 * 4 * 4), shape: [1, 128, 2, 4, 4] });
    const r = run(['bench', 'decoders', '--models', `mine=${path}`, '--latents', latents, ...quick, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`[EVK_MISMATCH] ${latents}, field "shape", value "1x128x2x4x4": latents do not fit the model ${path}: dimension 1 (channels) of the latent is 128`);
  });
});
