import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPaperValues, readResultDocument, type ResultDocument } from '@evalkit/core';
import { VARIANTS } from '@evalkit/kernel-bench';
import { requireSystemTool } from '@evalkit/test-harness';
import { buildPlan, DecoderAssets, runPageInChromium, startBrowserBenchServer } from '../src';
import { ortWebVersion } from '../src/io/static-files';
import { type WebBackend } from '../src/backends';

const chromium = requireSystemTool('chromium');

type Row = Record<string, unknown> & { variant: string; implementation: string; part: string; state: string; checks: { method: string; maxAbsDiff: number; tolerance: number }[] };

/** Serves a plan, drives headless Chromium through it and returns the documents written. */
async function runInChromium(backends: WebBackend[], withDecoders: boolean): Promise<{ docs: ResultDocument[]; files: string[]; status: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-browser-'));
  const settings = { height: 32, width: 32, frames: 5, sampling: { minRuns: 3, maxRuns: 3, maxTimeMs: 60_000, targetCi: 0.05, warmup: 1 }, widthMult: 0.0625, seed: 0 };
  const decoders = withDecoders ? new DecoderAssets({ models: ['turbo-vaed-hunyuan', 'hunyuanvideo'], ...settings }) : null;
  const plan = buildPlan({ tool: { name: 'evalkit bench serve', toolVersion: '0.1.0', command: ['evalkit', 'bench', 'browser'], gitRevision: null }, backends, threads: null, preset: 'smoke', warmup: 1, seed: 1, decoders, decoderSettings: settings, paper: readPaperValues().turboVaed });
  const server = await startBrowserBenchServer({ outDir: dir, host: '127.0.0.1', port: 0, plan, decoders });
  try {
    const result = await runPageInChromium({ url: server.url, executablePath: chromium.paths.chromium, swiftshaderWebgpu: true, timeoutMs: 240_000 });
    const files = readdirSync(dir).sort();
    return { docs: files.map((f) => readResultDocument(join(dir, f))), files, status: `${result.state}: ${result.status}` };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type DecoderRow = Record<string, unknown> & { samplesMs: number[]; medianMs: number; medianCi95Ms: [number, number]; cv: number; unstable: boolean; unstableReasons: string[]; stopReason: string; runs: number; outputFrames: number; fps: number; peakRssBytes: null };

/** The fields of a decoder-bench row written by `evalkit bench decoders` (Node.js, onnxruntime-node). */
const NODE_DECODER_ROW_FIELDS = ['model', 'label', 'height', 'width', 'latentFrames', 'outputFrames', 'runs', 'samples', 'samplesMs', 'meanMs', 'medianMs', 'medianCi95Ms', 'ciHalfWidthRel', 'minMs', 'p99Ms', 'sdMs', 'cv', 'outliers', 'unstable', 'unstableReasons', 'fps', 'fpsCi95', 'peakRssBytes', 'params', 'macs', 'gflops', 'ceilingFraction', 'aboveMeasuredCeiling', 'widthMult', 'setupSeconds', 'stopReason'];

const kernelDoc = (docs: ResultDocument[]) => docs.find((d) => d.schema === 'evalkit/kernel-bench@1')!;

chromium.describe('the browser benchmark in headless Chromium (real onnxruntime-web)', () => {
  jest.setTimeout(300_000);

  it('runs the smoke kernel suite and two zoo decoders on wasm, cross-checked against the TypeScript reference, and writes both documents', async () => {
    const { docs, files, status } = await runInChromium(['wasm'], true);
    expect(status).toMatch(/^done: finished: ran wasm; 0 errored/);
    expect(files).toEqual([expect.stringMatching(/^decoder-bench\.browser-wasm\.headless-chromium-\d+-linux-[0-9a-f]{8}\.json$/), expect.stringMatching(/^kernel-bench\.browser-wasm\./)]);

    const kernels = kernelDoc(docs);
    const b = kernels.manifest.device.browser!;
    expect(b.backend).toBe('wasm');
    expect(b.onnxruntimeWebVersion).toBe(ortWebVersion());
    // Served with COOP/COEP, so the page is isolated and onnxruntime-web gets its threads.
    expect(b.crossOriginIsolated).toBe(true);
    expect(b.wasmThreads).toBe(b.hardwareConcurrency);
    expect(b.userAgent).toMatch(/HeadlessChrome\//);
    expect(kernels.manifest.device.executionProvider).toBe('wasm');

    // The same rows as `bench kernels`: every variant, full path and rearrangement, ONNX and TS.
    const rows = kernels.results as Row[];
    expect(new Set(rows.map((r) => r.variant))).toEqual(new Set(VARIANTS.map((v) => v.id)));
    expect(rows).toHaveLength(24);
    for (const r of rows) expect(r.state).toBe('completed');
    // Each variant was checked in the page against the direct TypeScript convolution before timing.
    for (const v of VARIANTS) {
      const full = rows.find((r) => r.variant === v.id && r.part === 'full')!;
      const reference = full.checks.find((c) => c.method === 'full path: onnxruntime graph vs direct TS reference');
      expect(reference).toBeDefined();
      expect(reference!.maxAbsDiff).toBeLessThanOrEqual(reference!.tolerance);
    }
    // Pure data movement is bit-exact between onnxruntime-web and the TS kernels.
    const shuffle = rows.find((r) => r.variant === '6' && r.part === 'full')!.checks.find((c) => c.method.startsWith('rearrangement'))!;
    expect(shuffle.maxAbsDiff).toBe(0);

    const decoders = docs.find((d) => d.schema === 'evalkit/decoder-bench@1')!;
    expect(decoders.results.map((r) => r.model)).toEqual(['turbo-vaed-hunyuan', 'hunyuanvideo']);
    for (const row of decoders.results) {
      const r = row as DecoderRow;
      // The fields of a `bench decoders` row (peak RSS null: a page cannot read its memory).
      expect(Object.keys(r)).toEqual(expect.arrayContaining(NODE_DECODER_ROW_FIELDS));
      expect(r.outputFrames).toBe(5);
      expect(r.peakRssBytes).toBeNull();
      expect(r.fps).toBeGreaterThan(0);
      // Three timed decodes (min = max = 3 runs): the median is the middle one, its interval lies
      // within the extremes, and CV is the sample SD over the mean, derived here by hand.
      expect({ runs: r.runs, n: r.samplesMs.length, stop: r.stopReason }).toEqual({ runs: 3, n: 3, stop: 'max-runs' });
      const [lo, mid, hi] = [...r.samplesMs].sort((x, y) => x - y);
      expect(r.medianMs).toBe(mid);
      expect(r.medianCi95Ms[0]).toBeGreaterThanOrEqual(lo);
      expect(r.medianCi95Ms[1]).toBeLessThanOrEqual(hi);
      expect(r.medianCi95Ms[0]).toBeLessThanOrEqual(mid);
      expect(r.medianCi95Ms[1]).toBeGreaterThanOrEqual(mid);
      const mean = (lo + mid + hi) / 3;
      const sd = Math.sqrt(((lo - mean) ** 2 + (mid - mean) ** 2 + (hi - mean) ** 2) / 2);
      expect(r.cv).toBeCloseTo(sd / mean, 12);
      expect(r.unstable).toBe(r.unstableReasons.length > 0);
    }
    const summary = decoders.summary as { pairs: { baseline: string; speedup: number; speedupCi95: [number, number]; pairedRuns: number; unstable: boolean }[]; sampling: { interleaved: boolean } };
    expect(summary.pairs.map((p) => p.baseline)).toEqual(['hunyuanvideo']);
    // The pair alternated A B for three rounds; its speedup carries the paired interval.
    expect(summary.pairs[0].pairedRuns).toBe(3);
    expect(summary.pairs[0].speedupCi95[0]).toBeLessThanOrEqual(summary.pairs[0].speedupCi95[1]);
    expect(typeof summary.pairs[0].unstable).toBe('boolean');
    expect(summary.sampling.interleaved).toBe(true);
    // The page writes the paper's FPS of the zoo decoders it timed (fixtures/paper/turbo-vaed.json), as bench decoders does.
    expect((decoders.summary as { paperFps: unknown }).paperFps).toEqual({ 'turbo-vaed-hunyuan': { gpuFps: 87.5, iphoneFps: 10.6 }, hunyuanvideo: { gpuFps: 10.1, iphoneFps: null } });
  });

  it('runs the smoke kernel suite on WebGPU (SwiftShader), records what the backend cannot run, and times only what passed the cross-check', async () => {
    const { docs, status } = await runInChromium(['webgpu'], false);
    expect(status).toMatch(/^done: finished: ran webgpu/);
    const kernels = kernelDoc(docs);
    const b = kernels.manifest.device.browser!;
    expect(b.backend).toBe('webgpu');
    expect(b.webgpuAdapter?.architecture).toBe('swiftshader');
    const rows = kernels.results as Row[];
    expect(rows).toHaveLength(24);
    // The headline pair (nearest+conv vs decoupled pixel shuffle) runs and matches the reference.
    for (const id of ['1', '6']) {
      const full = rows.find((r) => r.variant === id && r.part === 'full' && r.implementation === 'onnx')!;
      expect(full.state).toBe('completed');
      for (const c of full.checks) expect(c.maxAbsDiff).toBeLessThanOrEqual(c.tolerance);
    }
    // A completed row always passed its checks; an errored one says why (an operator the backend
    // lacks, or an output that disagrees with the reference) instead of a timing.
    for (const r of rows) {
      if (r.state === 'completed') for (const c of r.checks) expect(c.maxAbsDiff).toBeLessThanOrEqual(c.tolerance);
      else expect(String(r.error)).not.toBe('');
    }
  });
});
