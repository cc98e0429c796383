import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultDocument } from '@evalkit/core';
import { zooSessionChoice } from '@evalkit/decoder-zoo';
import { median, runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 180_000 });

interface Row {
  model: string;
  samples: number;
  samplesMs: number[];
  medianMs: number;
  medianCi95Ms: [number, number];
  fps: number;
  cv: number;
  unstable: boolean;
  outputFrames: number;
  latentFrames: number;
  peakRssBytes: number;
  stopReason: string;
  ceilingFraction: number | null;
}

describe('evalkit bench decoders', () => {
  it('times a Turbo/baseline pair interleaved in child processes and writes the pair speedup with its interval and the paper\'s', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evk-bench-dec-')), 'bench.json');
    const began = Date.now();
    const r = run(['bench', 'decoders', '--models', 'turbo-vaed-hunyuan,hunyuanvideo', '--height', '32', '--width', '32', '--frames', '5', '--width-mult', '0.0625', '--runs', '3', '--warmup', '0', '--no-ceiling', '--out', out]);
    const wallMs = Date.now() - began;
    expect(r.stderr).not.toMatch(/EVK_/);
    expect(r.status).toBe(0);
    const doc = readResultDocument(out);
    expect(doc.schema).toBe('evalkit/decoder-bench@1');
    const rows = doc.results as unknown as Row[];
    expect(rows.map((x) => x.model)).toEqual(['turbo-vaed-hunyuan', 'hunyuanvideo']);
    for (const row of rows) {
      // 4T-3 frame rule: 5 output frames need T = 2 latent frames (hand-derived).
      expect(row.latentFrames).toBe(2);
      expect(row.outputFrames).toBe(5);
      // --runs 3 fixes the count; each sample is a real positive duration.
      expect(row.samples).toBe(3);
      expect(row.samplesMs).toHaveLength(3);
      for (const s of row.samplesMs) expect(s).toBeGreaterThan(0);
      expect(row.medianMs).toBe(median(row.samplesMs));
      // A median interval never leaves the sample range and holds the median.
      expect(row.medianCi95Ms[0]).toBeGreaterThanOrEqual(Math.min(...row.samplesMs));
      expect(row.medianCi95Ms[1]).toBeLessThanOrEqual(Math.max(...row.samplesMs));
      expect(row.medianCi95Ms[0]).toBeLessThanOrEqual(row.medianMs);
      expect(row.medianCi95Ms[1]).toBeGreaterThanOrEqual(row.medianMs);
      expect(['target-ci', 'max-runs']).toContain(row.stopReason);
      expect(Number.isFinite(row.cv) && row.cv >= 0).toBe(true);
      expect(row.unstable).toBe(row.cv > 0.1 || (row.medianCi95Ms[1] - row.medianCi95Ms[0]) / 2 / row.medianMs > 0.05);
      // Frames per second checked against the hand-derived 5 frames, not the row's own outputFrames.
      expect(row.fps * (median(row.samplesMs) / 1000)).toBeCloseTo(5, 9);
      expect(row.peakRssBytes).toBeGreaterThan(50 * 2 ** 20);
      expect(row.ceilingFraction).toBeNull();
    }
    // The samples are decode times inside the children: together they fit inside the command's own wall time.
    const timed = rows.reduce((s, x) => s + x.samplesMs.reduce((a, b) => a + b, 0), 0);
    expect(timed).toBeLessThan(wallMs);
    const [turbo, base] = rows;
    const summary = doc.summary as { pairs: { baseline: string; turbo: string; speedup: number; speedupCi95: [number, number]; pairedRuns: number; paperGpuSpeedup: number }[]; sampling: { interleaved: boolean }; system: { before: { loadAverage: number[] } } };
    const pair = summary.pairs[0];
    expect(pair).toMatchObject({ baseline: 'hunyuanvideo', turbo: 'turbo-vaed-hunyuan', pairedRuns: 3 });
    expect(pair.speedup).toBeCloseTo(median(base.samplesMs) / median(turbo.samplesMs), 9);
    // Every resampled ratio of medians lies between the extreme ratios of the samples.
    expect(pair.speedupCi95[0]).toBeGreaterThanOrEqual(Math.min(...base.samplesMs) / Math.max(...turbo.samplesMs) - 1e-12);
    expect(pair.speedupCi95[1]).toBeLessThanOrEqual(Math.max(...base.samplesMs) / Math.min(...turbo.samplesMs) + 1e-12);
    // The paper's GPU speedup at 512x512: 87.5 / 10.1 FPS as the Turbo-VAED paper prints them (fixtures/paper/turbo-vaed.json).
    expect(pair.paperGpuSpeedup).toBeCloseTo(87.5 / 10.1, 6);
    // Each zoo row's paper FPS is joined into the document as it is written (the report draws them from here).
    expect((doc.summary as { paperFps: unknown }).paperFps).toEqual({ 'turbo-vaed-hunyuan': { gpuFps: 87.5, iphoneFps: 10.6 }, hunyuanvideo: { gpuFps: 10.1, iphoneFps: null } });
    expect(summary.sampling.interleaved).toBe(true);
    expect(summary.system.before.loadAverage).toHaveLength(3);
    // The manifest records how busy the machine was around the timed runs.
    expect((doc.manifest as unknown as { system: { before: { loadAverage: number[] }; after: { busiest: unknown[] } } }).system.before.loadAverage).toHaveLength(3);
    expect(Array.isArray((doc.manifest as unknown as { system: { after: { busiest: unknown[] } } }).system.after.busiest)).toBe(true);
    expect(r.stdout).toMatch(/hunyuanvideo\s+turbo-vaed-hunyuan( !)?\s+[\d.]+x \[[\d.]+, [\d.]+\]\s+8\.66x/);
  }, 180_000);

  it('runs each zoo row with the zoo\'s session choice unless the row overrides it, and records what ran', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evk-bench-dec-')), 'bench.json');
    const r = run(['bench', 'decoders', '--models', 'turbo-vaed-ltx,np=zoo:turbo-vaed-ltx#pattern=off#opt=basic', '--pair', 'turbo-vaed-ltx:np', '--height', '64', '--width', '64', '--frames', '9', '--width-mult', '0.0625', '--runs', '2', '--warmup', '0', '--threads', '1', '--no-ceiling', '--out', out]);
    expect(r.stderr).not.toMatch(/EVK_/);
    expect(r.status).toBe(0);
    const rows = readResultDocument(out).results as unknown as { model: string; session: Record<string, unknown> }[];
    const choice = zooSessionChoice('turbo-vaed-ltx');
    expect(rows[0].session).toEqual({ executionProvider: 'cpu', threads: 1, graphOptimizationLevel: choice.graphOptimizationLevel, allowSpinning: choice.allowSpinning, cpuMemArena: choice.cpuMemArena, memPattern: choice.memPattern });
    expect(rows[1].session).toEqual({ executionProvider: 'cpu', threads: 1, graphOptimizationLevel: 'basic', allowSpinning: choice.allowSpinning, cpuMemArena: choice.cpuMemArena, memPattern: false });
    expect(r.stdout).toMatch(/session: cpu, 1 threads, optimisation basic, spinning \w+, arena \w+, memory pattern off: np/);
  }, 180_000);

  it('rejects an unknown model with the list of zoo decoders', () => {
    const r = run(['bench', 'decoders', '--models', 'turbo-vaed-hunyuan,sd-vae']);
    expect(r.status).toBe(2); // a bad flag value: usage error
    expect(r.stderr).toMatch(/field "--models", value "sd-vae": unknown zoo decoder; the zoo has/);
  });

  it('refuses --min-runs above --max-runs before running anything', () => {
    const r = run(['bench', 'decoders', '--min-runs', '5', '--max-runs', '3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--max-runs.*--min-runs \(5\) is above --max-runs/);
  });
});
