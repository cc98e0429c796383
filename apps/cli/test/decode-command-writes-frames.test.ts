import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zooSessionChoice } from '@evalkit/decoder-zoo';
import { readResultDocument } from '@evalkit/core';
import { writeLatentsNpy } from '@evalkit/decoder-runtime';
import { readImage } from '@evalkit/media-io';
import { psnr } from '@evalkit/recon-metrics';
import sharp from 'sharp';
import { runEvalkit } from './support/evalkit-command';

const clipDir = resolve(__dirname, '../../../fixtures/clip');
const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });
const pngs = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.png')).sort().map((f) => join(folder, f));

/** RGB bytes of a PNG (sharp), for the hand-written BT.601 conversion below. */
async function rgbOf(path: string): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

// JPEG/JFIF (ITU-T T.871) full-range BT.601, written from the standard rather than from our
// converter: Y = 0.299 R + 0.587 G + 0.114 B, Cb = 128 - 0.168736 R - 0.331264 G + 0.5 B,
// Cr = 128 + 0.5 R - 0.418688 G - 0.081312 B (PIL's "YCbCr" mode agrees to ±1).
const jfif = (r: number, g: number, b: number) => [
  0.299 * r + 0.587 * g + 0.114 * b,
  128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
  128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
];
const dir = mkdtempSync(join(tmpdir(), 'evk-decode-cli-'));
const latents = join(dir, 'clip.npy');

beforeAll(() => {
  const r = run(['encode', '--out', latents]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 120_000);

describe('evalkit decode', () => {
  it('decodes encoded fixture latents to 17 PNG frames at 24.9 dB against the clip (PSNR by recon-metrics)', async () => {
    const out = join(dir, 'png');
    const r = run(['decode', '--latents', latents, '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/codec\s+1x16x5x16x16\s+17x128x128\s+1\s+17 PNG/);
    expect(readdirSync(out).filter((f) => f.endsWith('.png'))).toHaveLength(17);
    // PSNR by recon-metrics (checked against scikit-image's in its own tests), not by the decoder.
    const ref = pngs(clipDir);
    const ours = pngs(out);
    expect(ours).toHaveLength(ref.length);
    let sum = 0;
    for (let i = 0; i < ref.length; i++) sum += psnr(await readImage(ref[i]), await readImage(ours[i]), { dataRange: 255 });
    const meanPsnr = sum / ref.length;
    expect(meanPsnr).toBeGreaterThan(24.5);
    expect(meanPsnr).toBeLessThan(26);
    const doc = readResultDocument(join(out, 'decode.json'));
    expect(doc.schema).toBe('evalkit/decode@1');
    expect(doc.results[0]).toMatchObject({ outputShape: [1, 3, 17, 128, 128], tiles: 1 });
  }, 60_000);

  it('writes a C444 Y4M whose planes are the JFIF BT.601 full-range YCbCr of the PNG frames (±1), tiled or not', async () => {
    const png = join(dir, 'png-for-y4m');
    const y4m = join(dir, 'y4m');
    expect(run(['decode', '--latents', latents, '--out', png]).status).toBe(0);
    const r = run(['decode', '--latents', latents, '--out', y4m, '--format', 'y4m', '--tile-frames', '3', '--tile-size', '64x64', '--overlap', '16']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/17x128x128\s+27\s/);
    const data = readFileSync(join(y4m, 'video.y4m'));
    const headerEnd = data.indexOf(0x0a);
    expect(data.subarray(0, headerEnd).toString('latin1')).toMatch(/^YUV4MPEG2 W128 H128 F24:1 Ip A1:1 C444 XCOLORRANGE=FULL/);
    const frameBytes = 6 + 3 * 128 * 128; // "FRAME\n" + three full planes
    expect(data.length - headerEnd - 1).toBe(17 * frameBytes);
    const frames = pngs(png);
    expect(frames).toHaveLength(17);
    let worst = 0;
    for (let f = 0; f < 17; f++) {
      const start = headerEnd + 1 + f * frameBytes;
      expect(data.subarray(start, start + 6).toString('latin1')).toBe('FRAME\n');
      const planes = data.subarray(start + 6, start + frameBytes);
      const { data: rgb, width, height } = await rgbOf(frames[f]);
      const n = width * height;
      for (let i = 0; i < n; i++) {
        const want = jfif(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(planes[c * n + i] - Math.min(255, Math.max(0, want[c]))));
      }
    }
    // Rounding of Y'CbCr to 8 bits only; a swapped plane or a limited-range matrix is off by tens.
    expect(worst).toBeLessThanOrEqual(1);
  }, 60_000);

  it('decodes a reduced-width zoo graph in tiles derived from a memory budget and writes a Chrome trace with kernel time by op type', () => {
    const out = join(dir, 'zoo');
    const trace = join(dir, 'trace.json');
    const r = run(['decode', '--model', 'zoo:turbo-vaed-hunyuan', '--width-mult', '0.125', '--height', '64', '--width', '64', '--latent-frames', '2', '--memory-budget', '165', '--profile', trace, '--out', out, '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0].tiles).toBeGreaterThan(1);
    expect(doc.results[0].outputShape).toEqual([1, 3, 5, 64, 64]);
    expect(doc.results[0].estimatedPeakBytes).toBeLessThanOrEqual(165 * 2 ** 20);
    // the session options it ran with: the zoo's measured choice for this decoder, and tiles turn the memory pattern and arena off unless the choice sets them
    const choice = zooSessionChoice('turbo-vaed-hunyuan');
    expect(doc.config.session).toEqual({ executionProvider: 'cpu', threads: null, graphOptimizationLevel: choice.graphOptimizationLevel, allowSpinning: choice.allowSpinning, cpuMemArena: choice.cpuMemArena ?? false, memPattern: choice.memPattern ?? false });
    expect(JSON.parse(readFileSync(trace, 'utf8')).length).toBeGreaterThan(10);
    // kernel time by op type: a decoder of convolutions spends most of it in Conv
    const byType = doc.results[0].profileOpTypes as { opType: string; share: number }[];
    expect(byType[0].opType).toBe('Conv');
    expect(byType.reduce((sum, t) => sum + t.share, 0)).toBeCloseTo(1, 9);
  }, 60_000);

  it.each([
    [['--latents', '/nope/z.npy'], 1, /EVK_FILE_NOT_FOUND\] \/nope\/z\.npy: no such latent file/],
    // A bad flag value is a usage error (exit 2); a missing or unreadable input file exits 1.
    [['--model', 'zoo:nope'], 2, /field "model", value "zoo:nope": unknown zoo decoder; the zoo has turbo-vaed-hunyuan/],
    [['--model', '/nope/m.onnx'], 1, /\/nope\/m\.onnx: no such ONNX model file/],
    [['--ep', 'tpu'], 1, /value "tpu": unknown execution provider/],
    [['--tile-size', '60x64'], 2, /field "--tile-size", value "60x64": tile size must be a multiple of the decoder's spatial compression 8x8/],
    [['--format', 'gif'], 2, /expected one of png, y4m, npy, mp4, got "gif"/],
    [['--tile-frames', '2', '--overlap-frames', '2'], 2, /field "overlapFrames", value 2: overlap must be a non-negative integer smaller than the tile/],
  ])('rejects %j with exit %d and a message naming the field and value', (args, status, message) => {
    const out = join(dir, `bad-${Math.random().toString(36).slice(2)}`);
    const r = run(['decode', '--out', out, '--height', '64', '--width', '64', ...(args as string[])]);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message as RegExp);
    expect(existsSync(join(out, 'decode.json'))).toBe(false);
  }, 60_000);

  it('rejects latents whose channels do not fit the codec, and a graph onnxruntime refuses', () => {
    const z = join(dir, 'eight.npy');
    writeLatentsNpy(z, { shape: [1, 8, 2, 4, 4], data: new Float32Array(8 * 2 * 4 * 4) });
    const r = run(['decode', '--latents', z, '--out', join(dir, 'x')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/eight\.npy, field "shape\[1\] \(channels\)", value 8: codec takes 16 latent channels/);
    const bad = join(dir, 'bad.onnx');
    writeFileSync(bad, 'not an onnx model');
    const r2 = run(['decode', '--model', bad, '--out', join(dir, 'y'), '--height', '32', '--width', '32', '--latent-frames', '2']);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/bad\.onnx: onnxruntime cannot load this model: Failed to load model because protobuf parsing failed/);
  }, 60_000);
});
