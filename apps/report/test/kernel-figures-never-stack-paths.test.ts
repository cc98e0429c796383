import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResultDocument, createRunManifest, writeResultDocument } from '@evalkit/core';
import { buildReportModel } from '../src/render-report';
import { renderSvg } from '../src/render/vega-svg';

/** Top and height of the bar marks in an SVG (each bar is one `<path d="Mx,yh..v..">`). */
function bars(svg: string): { top: number; height: number }[] {
  const group = /<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? '';
  return [...group.matchAll(/<path[^>]*d="M[-\d.]+,([-\d.]+)h[-\d.]+v([-\d.]+)/g)].map((m) => ({ top: Number(m[1]), height: Number(m[2]) }));
}

describe('kernel figures', () => {
  it('draw one bar per path (full, rearrangement in ONNX and TypeScript) side by side, never stacked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalkit-kernel-paths-'));
    try {
      const row = (implementation: 'onnx' | 'ts', part: 'full' | 'rearrange', meanMs: number) => ({
        variant: '6', variantIndex: 6, label: 'Conv3d C->8C + decoupled shuffle', implementation, part, shape: { n: 1, c: 8, t: 2, h: 8, w: 8 }, shapeLabel: 'smoke',
        meanMs, medianMs: meanMs, p99Ms: meanMs, sdMs: 0, rme: 1, samples: 10, bytes: 1e6, macs: part === 'full' ? 1e6 : 0, gbps: 1, gflops: part === 'full' ? 1 : 0,
        fractionOfMemcpy: 0.1, fractionOfMatmul: part === 'full' ? 0.2 : 0, speedupVsVariant1: null, state: 'completed' as const,
      });
      const rows = [row('onnx', 'full', 4), row('onnx', 'rearrange', 2), row('ts', 'rearrange', 1)];
      const doc = createResultDocument('kernel-bench', createRunManifest({ tool: 'test', toolVersion: '0' }), rows, { summary: { ceilings: { memcpyGBps: 10, matmulGflops: 100 } } });
      writeResultDocument(join(dir, 'kernel-bench.json'), doc);
      const figure = buildReportModel([dir]).figures.find((f) => f.id === 'kernel-latency')!;
      const drawn = bars((await renderSvg(figure.spec)).svg);
      expect(drawn).toHaveLength(3);
      // Unstacked: every bar stands on the axis, and the heights are in the ratio of the means 4 : 2 : 1.
      const bottoms = drawn.map((b) => b.top + b.height);
      expect(Math.max(...bottoms) - Math.min(...bottoms)).toBeLessThan(0.01);
      const [full, onnxRearrange, tsRearrange] = drawn.map((b) => b.height).sort((a, b) => b - a);
      expect(full / onnxRearrange).toBeCloseTo(2, 1);
      expect(onnxRearrange / tsRearrange).toBeCloseTo(2, 1);

      const ceilings = buildReportModel([dir]).figures.find((f) => f.id === 'kernel-ceilings')!;
      const values = (ceilings.spec.data as { values: { ceiling: string; path: string }[] }).values;
      // Every path against memcpy; only the path with arithmetic against the matmul ceiling.
      expect(values.filter((v) => v.ceiling === 'memory: STREAM copy, best of N')).toHaveLength(3);
      expect(values.filter((v) => v.ceiling === 'compute: best measured GEMM').map((v) => v.path)).toEqual(['ONNX: conv + rearrangement']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
