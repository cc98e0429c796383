import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertClose } from '@evalkit/test-harness';
import { createDatasetConfig, evaluatePair, type DatasetPair } from '../src';
import { type EvaluatedPairRow, type FailedPairRow } from '../src/pair';
import { RECON, copyImage, referencePairs, writeManifest } from './fixture-dataset';

const image = (name: string) => join(RECON, 'images', name);

describe('evaluatePair', () => {
  const refs = referencePairs().filter((p) => p.distortion !== 'shift' || p.ref.includes('camera'));

  it.each(refs.map((p) => [p.test, p] as const))('scores %s as scikit-image does', async (_name, expected) => {
    const pair: DatasetPair = { id: expected.test, ref: join(RECON, expected.ref), test: join(RECON, expected.test) };
    const config = createDatasetConfig({ metrics: ['psnr', 'ssim'] }, [pair]);
    const row = (await evaluatePair(pair, config)) as EvaluatedPairRow;
    expect(row.status).toBe('ok');
    expect(row.frames).toBe(1);
    assertClose(row.metrics.psnr!, expected.psnr, { atol: 1e-9, rtol: 0 });
    assertClose(row.metrics.ssim!, expected.ssimWang, { atol: 1e-6, rtol: 0 });
    expect(row.media).toEqual({ ref: { format: 'image', dtype: 'uint8' }, test: { format: 'image', dtype: 'uint8' } });
  });

  it('scores the baseline output against the same reference', async () => {
    const [noise, blur] = ['noise', 'blur'].map((d) => referencePairs().find((p) => p.test === `images/coffee-${d}.png`)!);
    const pair: DatasetPair = { id: 'coffee', ref: image('coffee-ref.png'), test: image('coffee-blur.png'), baseline: image('coffee-noise.png') };
    const row = (await evaluatePair(pair, createDatasetConfig({ metrics: ['psnr'] }, [pair]))) as EvaluatedPairRow;
    assertClose(row.metrics.psnr!, blur.psnr, { atol: 1e-9, rtol: 0 });
    assertClose(row.baseline!.psnr!, noise.psnr, { atol: 1e-9, rtol: 0 });
  });

  const failures: [string, (dir: string) => DatasetPair, RegExp][] = [
    ['a missing test file', (dir) => ({ id: 'm', ref: image('camera-ref.png'), test: join(dir, 'gone.png') }), /gone\.png: no such file/],
    ['a corrupt image', (dir) => {
      const bad = join(dir, 'bad.png');
      writeFileSync(bad, 'not a png at all');
      return { id: 'c', ref: image('camera-ref.png'), test: bad };
    }, /bad\.png: cannot decode image/],
    ['frames of different sizes', () => ({ id: 's', ref: image('camera-ref.png'), test: image('coffee-ref.png') }), /size mismatch/],
    ['a truncated Y4M file', (dir) => {
      const y4m = join(dir, 'cut.y4m');
      writeFileSync(y4m, 'YUV4MPEG2 W8 H8 F25:1 C444\nFRAME\n\u0001\u0002');
      return { id: 't', ref: y4m, test: y4m };
    }, /cut\.y4m/],
  ];

  it.each(failures)('records %s as a failed row naming the file, without throwing', async (_what, make, message) => {
    const { dir } = writeManifest([]);
    copyImage('camera-ref.png', dir);
    const pair = make(dir);
    const row = (await evaluatePair(pair, createDatasetConfig({ metrics: ['psnr', 'ssim'] }, [pair]))) as FailedPairRow;
    expect(row.status).toBe('failed');
    expect(row.id).toBe(pair.id);
    expect(row.error.message).toMatch(message);
    expect(row.error.code).toMatch(/^EVK_/);
  });

  it('throws EVK_INTERRUPTED when aborted instead of recording a failure', async () => {
    const pair: DatasetPair = { id: 'a', ref: image('camera-ref.png'), test: image('camera-blur.png') };
    const controller = new AbortController();
    controller.abort();
    await expect(evaluatePair(pair, createDatasetConfig({ metrics: ['psnr'] }, [pair]), controller.signal)).rejects.toMatchObject({ code: 'EVK_INTERRUPTED' });
  });
});
