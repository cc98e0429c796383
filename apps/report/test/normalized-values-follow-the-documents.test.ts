import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportModel } from '../src/render-report';
import { useFixtureRuns } from './fixtures/build-fixture-runs';

// Hand-derived expectations from the fixture documents (docs/result-documents.md fields).
describe('normalised rows follow the documents', () => {
  const fixture = useFixtureRuns('evalkit-report-norm-');

  it('labels each series by its device so two machines compare side by side', () => {
    const { report } = buildReportModel([fixture.runs.laptop, fixture.runs.phone]);
    expect(report.series).toEqual(['Intel Xeon @ 2.20GHz', 'Apple M2']);
    expect(report.runs.map((r) => r.run)).toEqual(['laptop-run', 'phone-run']);
  });

  it('adds the run name when two run folders come from the same device', () => {
    const { report } = buildReportModel([fixture.runs.laptop, fixture.runs.hostile]);
    expect(report.series).toEqual(['Intel Xeon @ 2.20GHz · laptop-run', 'Intel Xeon @ 2.20GHz · hostile-run']);
  });

  it('converts parameter and MAC counts to millions and tera', () => {
    const { report } = buildReportModel([fixture.runs.laptop]);
    const hunyuan = report.zoo.find((z) => z.model === 'hunyuanvideo')!;
    expect(hunyuan.paramsM).toBeCloseTo(146.14, 10); // 146_140_000 params
    expect(hunyuan.paperParamsM).toBe(146.1);
    expect(hunyuan.macsT).toBeCloseTo(38.97, 10);
  });

  it('draws kernel error bars as the median\'s 95% interval from the document', () => {
    const { figures } = buildReportModel([fixture.runs.laptop]);
    const values = (figures.find((f) => f.id === 'kernel-latency')!.spec.data as { values: Record<string, number | string>[] }).values;
    const convT = values.find((v) => String(v.variant).endsWith(': ConvTranspose3d') && v.shape === '1×64×5×32×32')!;
    // fixture: median 0.98 x 4.1 = 4.018 ms, interval [0.97, 1.03] x the median = [3.89746, 4.13854]
    expect(convT.latencyMs).toBeCloseTo(4.018, 10);
    expect(convT.low).toBeCloseTo(3.89746, 10);
    expect(convT.high).toBeCloseTo(4.13854, 10);
  });

  /** A copy of the laptop run with one document edited. */
  function editedRun(name: string, file: string, edit: (doc: { results: Record<string, unknown>[] }) => void): string {
    const dir = join(fixture.root, name);
    mkdirSync(dir, { recursive: true });
    const doc = JSON.parse(readFileSync(join(fixture.runs.laptop, file), 'utf8'));
    edit(doc);
    writeFileSync(join(dir, file), JSON.stringify(doc));
    return dir;
  }

  it('draws kernel error bars of a document without intervals as mean ± rme% of the mean', () => {
    const dir = editedRun('old-kernels', 'kernel-bench.json', (doc) => doc.results.forEach((r) => delete r.medianCi95Ms));
    const { figures } = buildReportModel([dir]);
    const values = (figures.find((f) => f.id === 'kernel-latency')!.spec.data as { values: Record<string, number | string>[] }).values;
    const convT = values.find((v) => String(v.variant).endsWith(': ConvTranspose3d') && v.shape === '1×64×5×32×32')!;
    // mean 4.1 ms, rme 1.5 % -> ± 0.0615 ms
    expect(convT.low).toBeCloseTo(4.0385, 10);
    expect(convT.high).toBeCloseTo(4.1615, 10);
  });

  it('never shows a ceiling fraction above 100%: a row faster than the ceiling raises it and is marked', () => {
    // HunyuanVideo's fraction edited to 1.25 (a document written before ceilings held): the ceiling
    // becomes that row, whose fraction is then 100%, and every other fraction is divided by 1.25.
    const dir = editedRun('above-ceiling', 'decoder-bench.json', (doc) => {
      doc.results[0].ceilingFraction = 1.25;
      doc.results[1].ceilingFraction = 0.5;
    });
    const { report, tables } = buildReportModel([dir]);
    expect(report.decoders[0].ceilingFraction).toBe(1);
    expect(report.decoders[0].aboveCeiling).toBe(true);
    expect(report.decoders[1].ceilingFraction).toBeCloseTo(0.4, 12);
    expect(report.decoders[1].aboveCeiling).toBe(false);
    for (const d of report.decoders) expect(d.ceilingFraction!).toBeLessThanOrEqual(1);
    const throughput = tables.find((t) => t.id === 'decoder-throughput')!;
    expect(throughput.rows[0]).toContain('100.0% ↑');
    expect(throughput.rows[1]).toContain('40.0%');
  });

  it('keeps errored kernels out of the figures but in the table', () => {
    const { figures, tables } = buildReportModel([fixture.runs.phone]);
    const values = (figures.find((f) => f.id === 'kernel-latency')!.spec.data as { values: unknown[] }).values;
    expect(values).toHaveLength(7);
    const table = tables.find((t) => t.id === 'kernel-latency')!;
    expect(table.rows.some((r) => r[r.length - 1].startsWith('errored: Resize'))).toBe(true);
  });

  it('reads "Infinity" back as a number: not drawn, printed as ∞', () => {
    const { report, figures, tables } = buildReportModel([fixture.runs.laptop]);
    expect(report.reconVideos.find((v) => v.video === 'v_Identity_g01_c01')!.psnr).toBe(Infinity);
    const values = (figures.find((f) => f.id === 'recon-quality')!.spec.data as { values: { video: string; metric: string }[] }).values;
    expect(values.some((v) => v.video === 'v_Identity_g01_c01' && v.metric === 'PSNR (dB)')).toBe(false);
    expect(values.some((v) => v.video === 'v_Identity_g01_c01' && v.metric === 'SSIM')).toBe(true);
    const row = tables.find((t) => t.id === 'recon-quality')!.rows.find((r) => r[1] === 'v_Identity_g01_c01')!;
    expect(row[3]).toBe('∞');
  });

  it('prints the paper values next to ours (Turbo-VAED FPS, PsyDraw Table 1)', () => {
    const { tables } = buildReportModel([fixture.runs.laptop]);
    const speed = tables.find((t) => t.id === 'decoder-speedup')!;
    // 87.5 / 10.1 GPU FPS in the paper; 10370 / 1230 ms in the fixture.
    // 10370 / 1230 = 8.43; fixture interval [0.94, 1.05] x that = [7.93, 8.85].
    expect(speed.rows[0]).toEqual(['Turbo-VAED-Hunyuan', 'HunyuanVideo', '8.43\u2009[7.93, 8.85]', '8.7']);
    const htp = tables.find((t) => t.id === 'htp-consistency')!;
    expect(htp.rows[0]).toEqual(['Total', 'High', '206', '290', '71.03', '[65.57, 75.95]', '[65.77, 75.75]', '71.03']);
  });

  it('draws paper values only as the documents carry them: none for documents written before they were joined', () => {
    const dir = join(fixture.root, 'older-run');
    mkdirSync(dir, { recursive: true });
    for (const [from, to] of [['decoder-bench.json', 'decoder-bench.json'], ['recon/turbo-vaed-hunyuan.json', 'recon-metrics.json']]) {
      const doc = JSON.parse(readFileSync(join(fixture.runs.laptop, from), 'utf8'));
      delete doc.summary.paperFps;
      delete doc.summary.paperQualityRetention;
      writeFileSync(join(dir, to), JSON.stringify(doc));
    }
    const { report, tables } = buildReportModel([dir]);
    expect(report.decoders.length).toBeGreaterThan(0);
    expect(report.decoders.every((d) => d.paperGpuFps === null && d.paperIphoneFps === null)).toBe(true);
    expect(report.paperQualityRetention).toBeNull();
    expect(tables.find((t) => t.id === 'quality-retention')!.rows.every((r) => r[6] === '—')).toBe(true);
    // The laptop run's own documents carry them: 10.1 GPU FPS for HunyuanVideo, the 96.9% claim.
    const joined = buildReportModel([fixture.runs.laptop]).report;
    expect(joined.decoders.find((d) => d.model === 'hunyuanvideo')!.paperGpuFps).toBe(10.1);
    expect(joined.paperQualityRetention).toBe(0.969);
  });
});
