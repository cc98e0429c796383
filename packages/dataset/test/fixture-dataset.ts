// A dataset built from fixtures/recon: photographs and their distortions, each scored by
// scikit-image in fixtures/recon/reference-values.json (1-frame videos, so the tests stay fast).
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const RECON = resolve(__dirname, '../../../fixtures/recon');

/** One pair of reference-values.json. */
export interface ReferencePair {
  ref: string;
  test: string;
  distortion: string;
  height: number;
  width: number;
  psnr: number;
  ssimWang: number;
}

/** The scikit-image values of the fixture pairs. */
export function referencePairs(): ReferencePair[] {
  return (JSON.parse(readFileSync(join(RECON, 'reference-values.json'), 'utf8')) as { pairs: ReferencePair[] }).pairs;
}

/** A temporary folder holding a copy of the fixture images and a manifest of `rows` (id,ref,test[,baseline]). */
export function writeManifest(rows: string[][], header = 'id,ref,test'): { dir: string; manifest: string } {
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-dataset-'));
  const manifest = join(dir, 'pairs.csv');
  writeFileSync(manifest, `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return { dir, manifest };
}

/** Copies a fixture image into `dir` and returns its new path. */
export function copyImage(name: string, dir: string, as = name): string {
  const to = join(dir, as);
  copyFileSync(join(RECON, 'images', name), to);
  return to;
}
