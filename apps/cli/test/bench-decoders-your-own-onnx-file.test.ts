import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultDocument } from '@evalkit/core';
import { writeNpyFile } from '@evalkit/media-io';
import { GraphBuilder, conv, resize, slice, writeOnnxFile } from '@evalkit/onnx-graph';
import { median, runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 180_000 });

/**
 * A decoder as a user might export one, in miniature: a 1x1x1 Conv 16->3 then nearest upsampling by
 * 4x8x8. Fixed: latent [1,16,2,4,4], first 3 frames dropped (4T-3 -> 5x32x32). Symbolic: T, h, w
 * left open, no drop (4T).
 */
function tinyDecoder(path: string, fixed: boolean): { weight: Float32Array; bias: Float32Array } {
  const g = new GraphBuilder({ seed: 3 });
  const latent = g.input('latent', [1, 16, 2, 4, 4], 'float32', fixed ? {} : { dimNames: [undefined, undefined, 'T', 'h', 'w'] });
  const rgb = conv(g, latent, { outChannels: 3, kernel: [1, 1, 1] });
  const up = resize(g, rgb, { mode: 'nearest', scales: [1, 1, 4, 8, 8] });
  g.output(fixed ? slice(g, up, { starts: [3], ends: [8], axes: [2] }) : up, 'video', fixed ? {} : { dimNames: [undefined, undefined, 'F', 'H', 'W'] });
  writeOnnxFile(path, g);
  const [weight, bias] = g.initializers.filter((i) => i.trainable).map((i) => i.data as Float32Array);
  return { weight, bias };
}

interface Row {
  model: string;
  label: string;
  source: string;
  zooModel: string | null;
  file: { path: string; bytes: number; sha256: string } | null;
  latents: string | null;
  params: number;
  macs: number | null;
  gflops: number | null;
  samplesMs: number[];
  latentFrames: number;
  outputFrames: number;
  height: number;
  width: number;
  outputMean: number;
}
interface Pair {
  baseline: string;
  candidate: string;
  turbo: string;
  speedup: number;
  speedupCi95: [number, number];
  pairedRuns: number;
  paperGpuSpeedup: number | null;
}

describe('evalkit bench decoders with your own ONNX decoder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'evk-bench-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pairs a file against a zoo decoder: the document, the terminal table and the report show the pair with its interval', () => {
    const onnx = join(dir, 'tiny.onnx');
    tinyDecoder(onnx, true);
    const runDir = join(dir, 'run');
    mkdirSync(runDir);
    const out = join(runDir, 'decoder-bench.json');
    const r = run(['bench', 'decoders', '--models', `hunyuanvideo,mine=${onnx}`, '--pair', 'hunyuanvideo:mine', '--height', '32', '--width', '32', '--frames', '5', '--width-mult', '0.0625', '--runs', '3', '--warmup', '0', '--no-ceiling', '--threads', '1', '--out', out]);
    expect(r.stderr).not.toMatch(/EVK_/);
    expect(r.status).toBe(0);
    const doc = readResultDocument(out);
    const rows = doc.results as unknown as Row[];
    expect(rows.map((x) => x.model)).toEqual(['hunyuanvideo', 'mine']);
    const [base, mine] = rows;
    expect(base).toMatchObject({ source: 'zoo', zooModel: 'hunyuanvideo', file: null, latentFrames: 2, outputFrames: 5, height: 32, width: 32 });
    // The file row: what the file is, byte for byte, and its parameters: Conv 16->3 1x1x1 with bias = 16*3 + 3.
    const bytes = readFileSync(onnx);
    expect(mine).toMatchObject({ source: 'file', zooModel: null, label: 'mine', params: 51, macs: null, gflops: null, latents: null });
    expect(mine.file).toEqual({ path: onnx, bytes: statSync(onnx).size, sha256: createHash('sha256').update(bytes).digest('hex') });
    // Its sizes come from the graph's fixed input [1,16,2,4,4]: 2 latent frames -> 5 frames of 32x32 (4T-3, x8).
    expect(mine).toMatchObject({ latentFrames: 2, outputFrames: 5, height: 32, width: 32 });
    expect(mine.samplesMs).toHaveLength(3);

    const pairs = (doc.summary as { pairs: Pair[] }).pairs;
    expect(pairs).toHaveLength(1);
    const pair = pairs[0];
    expect(pair).toMatchObject({ baseline: 'hunyuanvideo', candidate: 'mine', turbo: 'mine', pairedRuns: 3, paperGpuSpeedup: null });
    // The paper's FPS go to the zoo row only: a file is not the paper's decoder, whatever it is called.
    expect((doc.summary as { paperFps: unknown }).paperFps).toEqual({ hunyuanvideo: { gpuFps: 10.1, iphoneFps: null } });
    // Same frame counts on both sides: the speedup is the ratio of median decode times.
    expect(pair.speedup).toBeCloseTo(median(base.samplesMs) / median(mine.samplesMs), 9);
    expect(pair.speedupCi95[0]).toBeLessThanOrEqual(pair.speedup);
    expect(pair.speedupCi95[1]).toBeGreaterThanOrEqual(pair.speedup);
    expect(pair.speedupCi95[0]).toBeGreaterThanOrEqual(Math.min(...base.samplesMs) / Math.max(...mine.samplesMs) - 1e-12);
    expect(pair.speedupCi95[1]).toBeLessThanOrEqual(Math.max(...base.samplesMs) / Math.min(...mine.samplesMs) + 1e-12);
    expect(doc.config).toMatchObject({ pairs: ['hunyuanvideo:mine'] });

    // The terminal: the pair with its interval, no paper value; the file's facts.
    expect(r.stdout).toMatch(/hunyuanvideo\s+mine( !)?\s+[\d.]+x \[[\d.]+, [\d.]+\]\s+-/);
    expect(r.stdout).toContain(`mine: ${onnx}, `);
    expect(r.stdout).toContain(`sha256 ${mine.file!.sha256}, 51 parameters`);

    // The report draws the file like a zoo model: its row, the pair with the interval, the figure's error bar.
    const reportDir = join(dir, 'report');
    const rep = run(['report', runDir, '--out', reportDir, '--no-png']);
    expect(rep.status).toBe(0);
    const lo = pair.speedupCi95[0].toFixed(2);
    const hi = pair.speedupCi95[1].toFixed(2);
    const speedupMd = readFileSync(join(reportDir, 'tables', 'decoder-speedup.md'), 'utf8');
    // The report prints "speedup [lo, hi]" with a thin space, and † after an unstable one.
    expect(speedupMd).toContain(`| mine | HunyuanVideo | ${pair.speedup.toFixed(2)}\u2009[${lo}, ${hi}]`);
    const throughputMd = readFileSync(join(reportDir, 'tables', 'decoder-throughput.md'), 'utf8');
    expect(throughputMd).toMatch(/\| mine \| 5×32×32 \|/);
    // And says which file was timed: path, size, SHA-256, parameters.
    const filesMd = readFileSync(join(reportDir, 'tables', 'decoder-files.md'), 'utf8');
    expect(filesMd).toContain(`| mine | ${onnx} | ${(bytes.length / 2 ** 20).toFixed(2)} | ${mine.file!.sha256} | 51 |`);
    const spec = JSON.parse(readFileSync(join(reportDir, 'figures', 'decoder-speedup.vl.json'), 'utf8')) as { data: { values: { pair: string; baseline: string; low: number; high: number }[] } };
    const bar = spec.data.values.find((v) => v.pair === 'mine');
    expect(bar).toMatchObject({ baseline: 'HunyuanVideo' });
    expect(bar!.low).toBeCloseTo(pair.speedupCi95[0], 2);
    expect(bar!.high).toBeCloseTo(pair.speedupCi95[1], 2);
  }, 180_000);

  it('decodes the latents of --latents in the file model and the zoo model alike, each built at their size', () => {
    const onnx = join(dir, 'tiny-dynamic.onnx');
    const { weight, bias } = tinyDecoder(onnx, false);
    // Seeded latents [1, 16, 2, 3, 5]; the symbolic graph decodes them to 3 x 8 x 24 x 40 (4T, x8).
    const shape = [1, 16, 2, 3, 5];
    const z = new Float32Array(16 * 2 * 3 * 5);
    for (let i = 0; i < z.length; i++) z[i] = Math.sin(0.37 * i + 1);
    const latents = join(dir, 'z.npy');
    writeNpyFile(latents, { data: z, shape });
    const out = join(dir, 'latents.json');
    const r = run(['bench', 'decoders', '--models', `turbo-vaed-hunyuan,mine=${onnx}`, '--pair', 'turbo-vaed-hunyuan:mine', '--latents', latents, '--compression', '4,8,8', '--frame-rule', '4T', '--width-mult', '0.0625', '--runs', '2', '--warmup', '0', '--no-ceiling', '--threads', '1', '--out', out]);
    expect(r.stderr).not.toMatch(/EVK_/);
    expect(r.status).toBe(0);
    const doc = readResultDocument(out);
    const [turbo, mine] = doc.results as unknown as Row[];
    // 8 frames against 5: the speedup is in frames per second, so the time ratio is scaled by 8/5.
    const pair = (doc.summary as { pairs: Pair[] }).pairs[0];
    expect(pair.speedup).toBeCloseTo((median(turbo.samplesMs) / median(mine.samplesMs)) * (8 / 5), 9);
    expect(turbo).toMatchObject({ latents, latentFrames: 2, outputFrames: 5, height: 24, width: 40 });
    expect(mine).toMatchObject({ latents, latentFrames: 2, outputFrames: 8, height: 24, width: 40 });
    // The file's output mean by hand: nearest upsampling repeats every latent position 4*8*8 times, so
    // the mean is the mean over channels o and positions p of sum_c w[o,c] z[c,p] + b[o].
    const positions = 2 * 3 * 5;
    let sum = 0;
    for (let o = 0; o < 3; o++) for (let p = 0; p < positions; p++) {
      let v = bias[o];
      for (let c = 0; c < 16; c++) v += weight[o * 16 + c] * z[c * positions + p];
      sum += v;
    }
    expect(mine.outputMean).toBeCloseTo(sum / (3 * positions), 5);
  }, 180_000);
});
