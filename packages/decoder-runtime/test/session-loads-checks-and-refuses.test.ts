import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnx } from 'onnx-proto';
import { buildCodecDecoderGraph, readCodecWeights } from '@evalkit/codec';
import { DecoderSession, randomLatents, readOpTypeProfile } from '../src';

const dir = mkdtempSync(join(tmpdir(), 'evk-session-'));
const codecBytes = buildCodecDecoderGraph(readCodecWeights()).toBytes();
const codecPath = join(dir, 'codec.onnx');
writeFileSync(codecPath, codecBytes);

/** A Transpose whose perm holds -1, as PyTorch 1.13 exported LTX-Video's unpatchify: onnxruntime refuses it. */
function invalidTransposeModel(): Uint8Array {
  const vi = (name: string, dims: number[]) => onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'bad',
      node: [{ opType: 'Transpose', input: ['latent'], output: ['video'], attribute: [{ name: 'perm', type: onnx.AttributeProto.AttributeType.INTS, ints: [0, 1, 2, 4, -1] }] }],
      input: [vi('latent', [1, 3, 2, 4, 4])],
      output: [vi('video', [1, 3, 2, 4, 4])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

async function openError(model: string | Uint8Array, options = {}): Promise<Error & { code?: string }> {
  try {
    await (await DecoderSession.open(model, options)).release();
  } catch (error) {
    return error as Error & { code?: string };
  }
  throw new Error('expected DecoderSession.open to fail');
}

describe('decoder sessions', () => {
  it('read the signature of a graph with symbolic dims', async () => {
    const s = await DecoderSession.open(codecPath);
    expect(s.inputs).toEqual([{ name: 'latents', type: 'float32', shape: [1, 16, 'latent_frames', 'latent_height', 'latent_width'] }]);
    expect(s.outputs).toEqual([{ name: 'video', type: 'float32', shape: [1, 3, 'frames', 'height', 'width'] }]);
    expect(s.executionProvider).toBe('cpu');
    await s.release();
  });

  it('refuse a graph onnxruntime cannot load (Transpose perm -1), naming the file and the reason', async () => {
    const path = join(dir, 'ltx-pytorch-1.13.onnx');
    writeFileSync(path, invalidTransposeModel());
    const error = await openError(path);
    expect(error.code).toBe('EVK_INVALID_INPUT');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/onnxruntime cannot load this model: .*Transpose.*Invalid attribute perm \{0, 1, 2, 4, -1\}/);
  });

  it('refuse bytes that are not an ONNX model', async () => {
    const path = join(dir, 'garbage.onnx');
    writeFileSync(path, 'not a model');
    expect((await openError(path)).message).toMatch(/garbage\.onnx: onnxruntime cannot load this model: .*protobuf parsing failed/);
  });

  it('refuse a missing model file', async () => {
    const error = await openError(join(dir, 'missing.onnx'));
    expect(error.code).toBe('EVK_FILE_NOT_FOUND');
    expect(error.message).toMatch(/missing\.onnx: no such ONNX model file/);
  });

  it('refuse an unknown execution provider, listing the known ones and those that start', async () => {
    const error = await openError(codecPath, { executionProvider: 'tpu' });
    expect(error.code).toBe('EVK_UNSUPPORTED');
    expect(error.message).toMatch(/value "tpu": unknown execution provider; this onnxruntime-node build knows cpu.*\(starts here: cpu/);
  });

  it('refuse a provider that cannot start here (cuda is not bundled on Linux x64 CPU builds)', async () => {
    const error = await openError(codecPath, { executionProvider: 'cuda' });
    expect(error.code).toBe('EVK_UNSUPPORTED');
    expect(error.message).toMatch(/execution provider "cuda" cannot start here \(.+\); providers that start here: cpu/);
  }, 30_000);

  it('check latent rank and channels against the graph input before running', async () => {
    const s = await DecoderSession.open(codecBytes, { source: 'codec.onnx' });
    await expect(s.decode(randomLatents([1, 8, 2, 2, 2], 1), 'z.npy')).rejects.toThrow(
      /z\.npy, field "shape", value "1x8x2x2x2": latents do not fit the model codec\.onnx: dimension 1 \(channels\) of the latent is 8 but input "latents" wants 16/,
    );
    await expect(s.decode(randomLatents([16, 2, 2, 2], 1), 'z.npy')).rejects.toThrow(/the latent has rank 4 \(16x2x2x2\) but input "latents" has rank 5/);
    await s.release();
  });

  it('run with one thread and write a Chrome-trace profile with node events', async () => {
    const profilePath = join(dir, 'trace.json');
    const s = await DecoderSession.open(codecPath, { threads: 1, graphOptimizationLevel: 'basic', profilePath });
    const out = await s.decode(randomLatents([1, 16, 2, 3, 3], 2));
    expect(out.shape).toEqual([1, 3, 5, 24, 24]);
    const { profileEvents } = await s.release();
    expect(existsSync(profilePath)).toBe(true);
    const events = JSON.parse(readFileSync(profilePath, 'utf8')) as { cat: string; name: string; ph: string; args?: { op_name?: string } }[];
    expect(profileEvents).toBe(events.length);
    expect(events.some((e) => e.cat === 'Node' && e.ph === 'X' && e.args?.op_name === 'Conv')).toBe(true);
    // the codec decoder is one Conv and its pixel shuffle: Conv is among the op types timed, shares sum to 1
    const byType = readOpTypeProfile(profilePath);
    expect(byType.map((t) => t.opType)).toContain('Conv');
    expect(byType.reduce((s, t) => s + t.share, 0)).toBeCloseTo(1, 12);
  });
});
