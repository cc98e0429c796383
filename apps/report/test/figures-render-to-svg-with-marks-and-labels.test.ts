import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { renderReport } from '../src';
import { buildReportModel } from '../src/render-report';
import { renderSvg } from '../src/render/vega-svg';
import { type Figure } from '../src/specs/figure';
import { writeFixtureRuns, type FixtureRuns } from './fixtures/build-fixture-runs';

/** Text of every <text> element in an SVG, entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'),
  );
}

/** Number of marks drawn inside the group of a mark type (rect, symbol, rule...). */
function markCount(svg: string, type: string): number {
  const groups = [...svg.matchAll(new RegExp(`<g class="mark-${type} role-mark[^"]*"[^>]*>(.*?)</g>`, 'gs'))];
  const element = type === 'rect' || type === 'symbol' ? 'path' : type === 'rule' ? 'line' : 'text';
  return groups.reduce((n, g) => n + (g[1].match(new RegExp(`<${element}\\b`, 'g'))?.length ?? 0), 0);
}

describe('figures render headless to SVG with their marks and labels', () => {
  let root: string;
  let runs: FixtureRuns;
  let figures: Figure[];
  const svgs = new Map<string, string>();
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'evalkit-report-svg-'));
    runs = writeFixtureRuns(root);
    figures = buildReportModel([runs.laptop, runs.phone]).figures;
    for (const f of figures) {
      const { svg, warnings } = await renderSvg(f.spec);
      expect(warnings).toEqual([]);
      svgs.set(f.id, svg);
    }
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('decoder FPS: one point per decoder and device, decoder names and both devices labelled', () => {
    const svg = svgs.get('decoder-fps')!;
    expect(markCount(svg, 'symbol')).toBeGreaterThanOrEqual(12); // 6 decoders x 2 devices (+ legend symbols)
    expect(markCount(svg, 'rule')).toBeGreaterThanOrEqual(12); // a 95% interval per point
    const texts = svgTexts(svg);
    for (const label of ['HunyuanVideo', 'Turbo-VAED-LTX', 'Frames per second (log scale)', 'Intel Xeon @ 2.20GHz', 'Apple M2']) expect(texts).toContain(label);
  });

  it('decoder speedup: bars for 3 pairs x (2 devices + paper) and a reference rule at 1x', () => {
    const svg = svgs.get('decoder-speedup')!;
    expect(markCount(svg, 'rect')).toBe(9);
    // the reference rule at 1x and one 95% interval per measured bar (3 pairs x 2 devices)
    expect(markCount(svg, 'rule')).toBe(1 + 6);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Turbo-VAED-Hunyuan', 'Paper', 'Speedup (×)']));
  });

  it('parameters: ours and the paper side by side for six decoders', () => {
    const svg = svgs.get('zoo-parameters')!;
    expect(markCount(svg, 'rect')).toBe(12);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['evalkit', 'Paper', 'Parameters (M)', 'CogVideoX']));
  });

  it('kernel latency: bars with an error bar each, one panel per shape', () => {
    const svg = svgs.get('kernel-latency')!;
    // 2 shapes x 4 variants x 2 devices, minus the phone's errored measurement
    expect(markCount(svg, 'rect')).toBe(15);
    expect(markCount(svg, 'rule')).toBe(15);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['1×64×5×32×32', '1×32×9×64×64', 'v1: ConvTranspose3d', 'Median latency (ms)']));
  });

  it('kernel ceilings: memory and compute rows, labelled with how each was obtained', () => {
    const texts = svgTexts(svgs.get('kernel-ceilings')!);
    expect(texts).toEqual(expect.arrayContaining(['memory: STREAM copy, best of N', 'compute: best measured GEMM', 'Fraction of ceiling']));
  });

  it('reconstruction quality: PSNR, SSIM and MS-SSIM panels with UCF-101 video names', () => {
    const svg = svgs.get('recon-quality')!;
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['PSNR (dB)', 'SSIM', 'MS-SSIM', 'v_YoYo_g01_c01']));
    // 3 videos x 3 metrics x 2 devices + the identical video's SSIM and MS-SSIM (its PSNR is infinite)
    expect(markCount(svg, 'rect')).toBe(20);
  });

  it('quality retention: the paper claim line is labelled', () => {
    const texts = svgTexts(svgs.get('quality-retention')!);
    expect(texts).toContain('paper claim 96.9%');
  });

  it('HTP consistency: bars, Wilson interval rules and paper diamonds per group', () => {
    const svg = svgs.get('htp-consistency')!;
    expect(markCount(svg, 'rect')).toBe(9);
    expect(markCount(svg, 'rule')).toBe(9);
    expect(markCount(svg, 'symbol')).toBeGreaterThanOrEqual(9);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Total', 'Warning', 'Observation', 'High', 'Moderate', 'Low']));
  });

  it('agreement: a point per coefficient and an interval where the document has one', () => {
    const svg = svgs.get('agreement')!;
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['cohen_kappa (linear)', 'krippendorff_alpha (ordinal)', 'Coefficient']));
    expect(markCount(svg, 'rule')).toBe(7 + 1); // krippendorff has no interval; plus the zero line
  });

  it('writes each figure as .vl.json, SVG and a 144-dpi PNG', async () => {
    const out = join(root, 'out');
    const result = await renderReport({ runDirs: [runs.laptop, runs.phone], outDir: out });
    expect(result.warnings).toEqual([]);
    const decoder = result.figures.find((f) => f.id === 'decoder-fps')!;
    expect(JSON.parse(readFileSync(decoder.files.spec, 'utf8'))).toEqual(figures.find((f) => f.id === 'decoder-fps')!.spec);
    const svg = readFileSync(decoder.files.svg, 'utf8');
    const svgWidth = Number(/<svg[^>]* width="(\d+)"/.exec(svg)![1]);
    const meta = await sharp(decoder.files.png!).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(svgWidth * 2); // 144 dpi = 2x the SVG's 72-dpi CSS pixels
  }, 60_000);
});
