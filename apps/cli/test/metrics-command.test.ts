import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readResultDocument } from '@evalkit/core';
import { encodeNpy } from '@evalkit/media-io';
import { runEvalkit } from './support/evalkit-command';

const fixtures = resolve(__dirname, '../../../fixtures/recon');
const img = (name: string) => join(fixtures, 'images', `${name}.png`);
const run = (args: string[]) => runEvalkit(['metrics', ...args], { timeout: 60_000 });
const reference = JSON.parse(readFileSync(join(fixtures, 'reference-values.json'), 'utf8')) as {
  pairs: { ref: string; test: string; psnr: number; ssimWang: number; ssimSkimage: number; msssim?: number }[];
};

describe('evalkit metrics', () => {
  jest.setTimeout(120_000);

  it('documents itself with examples', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--ssim-variant <variant>/);
    expect(r.stdout).toMatch(/Examples:\n\s+evalkit metrics --ref/);
  });

  it('prints frames and mean as JSON matching scikit-image for a photograph pair', () => {
    const pair = reference.pairs.find((p) => p.test === 'images/camera-noise.png')!;
    const r = run(['--ref', img('camera-ref'), '--test', img('camera-noise'), '--metrics', 'psnr,ssim,msssim', '--json', '--threads', '2']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.frames).toHaveLength(1);
    expect(out.frames[0].index).toBe(0);
    expect(Math.abs(out.frames[0].psnr - pair.psnr)).toBeLessThan(1e-4);
    expect(Math.abs(out.frames[0].ssim - pair.ssimWang)).toBeLessThan(1e-4);
    expect(Math.abs(out.mean.msssim - pair.msssim!)).toBeLessThan(1e-6);
    const sk = JSON.parse(run(['--ref', img('camera-ref'), '--test', img('camera-noise'), '--ssim-variant', 'skimage', '--json']).stdout);
    expect(Math.abs(sk.mean.ssim - pair.ssimSkimage)).toBeLessThan(1e-4);
  });

  it('reports an identical pair as PSNR "Infinity" and SSIM 1 in JSON and in the result document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-id-'));
    const r = run(['--ref', img('coffee-ref'), '--test', img('coffee-ref'), '--json', '--out', join(dir, 'doc.json')]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.frames[0].psnr).toBe('Infinity');
    expect(out.mean).toMatchObject({ psnr: 'Infinity', psnrPooled: 'Infinity', ssim: 1 });
    expect(readFileSync(join(dir, 'doc.json'), 'utf8')).toContain('"psnr": "Infinity"');
  });

  it('runs a dataset (frame folders) with a baseline: per-video rows, means, retention, result document and CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-ds-'));
    const layout: Record<string, Record<string, string[]>> = {
      ref: { clipA: ['astronaut-ref', 'astronaut-ref'], clipB: ['coffee-ref', 'coffee-ref'] },
      turbo: { clipA: ['astronaut-blur', 'astronaut-noise'], clipB: ['coffee-blur', 'coffee-shift'] },
      base: { clipA: ['astronaut-blur', 'astronaut-blur'], clipB: ['coffee-blur', 'coffee-blur'] },
    };
    for (const [side, clips] of Object.entries(layout)) {
      for (const [clip, frames] of Object.entries(clips)) {
        mkdirSync(join(dir, side, clip), { recursive: true });
        frames.forEach((f, i) => copyFileSync(img(f), join(dir, side, clip, `frame-${i + 1}.png`)));
      }
    }
    const doc = join(dir, 'out', 'recon.json');
    const csv = join(dir, 'out', 'recon.csv');
    const r = run(['--ref', join(dir, 'ref'), '--test', join(dir, 'turbo'), '--baseline', join(dir, 'base'), '--metrics', 'psnr,ssim,flicker', '--out', doc, '--csv', csv]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/mean over 2 videos/);
    const d = readResultDocument(doc);
    expect(d.schema).toBe('evalkit/recon-metrics@1');
    expect(d.config).toMatchObject({ metrics: ['psnr', 'ssim', 'flicker'], ssimVariant: 'wang', dataRange: 255 });
    expect(d.results).toHaveLength(4);
    expect(d.results.map((x) => `${x.video}:${x.index}`)).toEqual(['clipA:0', 'clipA:1', 'clipB:0', 'clipB:1']);
    const byTest = (t: string) => reference.pairs.find((p) => p.test === `images/${t}.png`)!;
    expect(Math.abs((d.results[1].psnr as number) - byTest('astronaut-noise').psnr)).toBeLessThan(1e-4);
    const summary = d.summary as { mean: Record<string, number>; perVideo: Record<string, number>[]; retention: Record<string, unknown>[] };
    const clipA = (byTest('astronaut-blur').ssimWang + byTest('astronaut-noise').ssimWang) / 2;
    expect(Math.abs(summary.perVideo[0].ssim - clipA)).toBeLessThan(1e-4);
    const clipB = (byTest('coffee-blur').ssimWang + byTest('coffee-shift').ssimWang) / 2;
    expect(Math.abs(summary.mean.ssim - (clipA + clipB) / 2)).toBeLessThan(1e-4);
    expect(summary.perVideo[0].flicker).toBeGreaterThan(0);
    const ssimRetention = summary.retention.find((x) => x.metric === 'ssim')!;
    expect(ssimRetention.higherIsBetter).toBe(true);
    expect(Math.abs((ssimRetention.retention as number) - ((clipA + clipB) / 2) / ((byTest('astronaut-blur').ssimWang + byTest('coffee-blur').ssimWang) / 2))).toBeLessThan(1e-4);
    expect(summary.retention.find((x) => x.metric === 'flicker')).toMatchObject({ higherIsBetter: false });
    // The retention the Turbo-VAED paper claims (96.9%, fixtures/paper/turbo-vaed.json) travels with the document the report draws.
    expect((d.summary as { paperQualityRetention: unknown }).paperQualityRetention).toBe(0.969);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('video,index,psnr,ssim,msssim,flicker,mse');
    expect(lines).toHaveLength(5);
  });

  it('applies the Turbo-VAED preset: 17 frames, 256x256 crop, PSNR on [0,1] data (hand-derived)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'metrics-tv-'));
    // 20 frames of 200x300 flat grey: the resize keeps them flat, so every frame's MSE is (10/255)^2
    const frames = 20;
    const ref = new Uint8Array(frames * 200 * 300 * 3).fill(100);
    const test = new Uint8Array(frames * 200 * 300 * 3).fill(110);
    writeFileSync(join(dir, 'ref.npy'), encodeNpy({ data: ref, shape: [frames, 200, 300, 3] }));
    writeFileSync(join(dir, 'test.npy'), encodeNpy({ data: test, shape: [frames, 200, 300, 3] }));
    const r = run(['--ref', join(dir, 'ref.npy'), '--test', join(dir, 'test.npy'), '--preset', 'turbo-vaed', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config).toMatchObject({ preset: 'turbo-vaed', dataRange: 1, maxFrames: 17 });
    expect(out.frames).toHaveLength(17);
    expect(Math.abs(out.mean.psnr - 20 * Math.log10(1 / Math.sqrt((10 / 255) ** 2)))).toBeLessThan(1e-6);
    const few = mkdtempSync(join(tmpdir(), 'metrics-tv-few-'));
    writeFileSync(join(few, 'a.npy'), encodeNpy({ data: new Uint8Array(3 * 8 * 8 * 3), shape: [3, 8, 8, 3] }));
    const short = run(['--ref', join(few, 'a.npy'), '--test', join(few, 'a.npy'), '--preset', 'turbo-vaed']);
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/needs 17 frames, but .*a\.npy has 3/);
  });

  it('rejects bad input with exit 1 naming the files, and bad usage with exit 2', () => {
    const size = run(['--ref', img('astronaut-ref'), '--test', img('chelsea-ref')]);
    expect(size.status).toBe(1);
    expect(size.stderr).toMatch(/\[EVK_MISMATCH\].*astronaut-ref\.png is 128x128, test .*chelsea-ref\.png is 101x77/);
    const dir = mkdtempSync(join(tmpdir(), 'metrics-bad-'));
    writeFileSync(join(dir, 'f.npy'), encodeNpy({ data: new Float32Array(2 * 16 * 16), shape: [2, 16, 16] }));
    const float = run(['--ref', join(dir, 'f.npy'), '--test', join(dir, 'f.npy')]);
    // A flag the input makes necessary is missing: a usage error.
    expect(float.status).toBe(2);
    expect(float.stderr).toMatch(/f\.npy, field "--data-range".*give --data-range/);
    const unknown = run(['--ref', img('astronaut-ref'), '--test', img('astronaut-ref'), '--metrics', 'psnr,lpips']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown metric "lpips"/);
  });
});
