import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRgbClip, writePngFrames } from '@evalkit/media-io';
import { runEvalkit } from './support/evalkit-command';

// One colour-range rule for every command: a Y4M tagged XCOLORRANGE=FULL is full range, an
// untagged one limited (as ffmpeg reads it). `decode` writes full range and tags it, so its Y4M
// must read back as its PNG frames (up to the Y'CbCr rounding) in `metrics` and in `encode`.
const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'evk-y4m-range-'));
const latents = join(dir, 'clip.npy');
const pngDir = join(dir, 'png');
const tagged = join(dir, 'y4m', 'video.y4m');
const untagged = join(dir, 'untagged.y4m');

function ok(args: string[]): string {
  const r = run(args);
  if (r.status !== 0) throw new Error(`evalkit ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** `evalkit metrics --json` mean PSNR (dB; "Infinity" for identical frames). */
const metricsPsnr = (ref: string, test: string): number => Number(JSON.parse(ok(['metrics', '--ref', ref, '--test', test, '--metrics', 'psnr', '--json'])).mean.psnr);

/** The latents `evalkit encode` writes for a clip, as raw bytes. */
function encoded(clip: string, name: string): Buffer {
  ok(['encode', '--clip', clip, '--out', join(dir, `${name}.npy`)]);
  return readFileSync(join(dir, `${name}.npy`));
}

/**
 * Checks that `encode` sees the pixels `metrics` sees in a Y4M file: PNG frames that `metrics`
 * finds identical to the file (PSNR Infinity) must encode to the same latents as the file itself.
 */
async function encodeSeesWhatMetricsSees(y4m: string, name: string): Promise<void> {
  const frames = join(dir, `${name}-frames`);
  await writePngFrames(frames, await readRgbClip(y4m));
  expect(metricsPsnr(frames, y4m)).toBe(Infinity);
  expect(encoded(y4m, `${name}-y4m`).equals(encoded(frames, `${name}-png`))).toBe(true);
}

beforeAll(() => {
  ok(['encode', '--out', latents]);
  ok(['decode', '--latents', latents, '--out', pngDir]);
  ok(['decode', '--latents', latents, '--out', join(dir, 'y4m'), '--format', 'y4m']);
  const bytes = readFileSync(tagged);
  const headerEnd = bytes.indexOf(0x0a);
  writeFileSync(untagged, Buffer.concat([Buffer.from(bytes.subarray(0, headerEnd).toString('latin1').replace(' XCOLORRANGE=FULL', ''), 'latin1'), bytes.subarray(headerEnd)]));
}, 240_000);

describe("decode's Y4M reads back the same in metrics and encode", () => {
  it('is tagged XCOLORRANGE=FULL', () => {
    expect(readFileSync(tagged).subarray(0, 80).toString('latin1').split('\n')[0]).toMatch(/^YUV4MPEG2 W128 H128 F24:1 Ip A1:1 C444 XCOLORRANGE=FULL$/);
  });

  it('metrics of the Y4M against the PNG frames of the same decode shows only the Y\'CbCr rounding (>= 45 dB)', () => {
    const psnr = metricsPsnr(pngDir, tagged);
    expect(psnr).toBeGreaterThanOrEqual(45);
    expect(psnr).toBeLessThan(Infinity);
  }, 60_000);

  it('encode of the Y4M sees the same pixels as metrics does', () => encodeSeesWhatMetricsSees(tagged, 'tagged'), 120_000);

  it('the same samples without the tag are read as limited range by both (a stretched picture, far from the PNGs)', async () => {
    expect(metricsPsnr(pngDir, untagged)).toBeLessThan(30);
    await encodeSeesWhatMetricsSees(untagged, 'untagged');
  }, 120_000);
});
