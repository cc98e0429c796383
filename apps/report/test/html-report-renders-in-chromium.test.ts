import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { requireSystemTool } from '@evalkit/test-harness';
import { renderReport, type RenderReportResult } from '../src';
import { HOSTILE_LATEX_LABEL, HOSTILE_MODEL_LABEL, writeFixtureRuns, type FixtureRuns } from './fixtures/build-fixture-runs';

// Looked up as `evalkit doctor` does (EVALKIT_CHROMIUM, CHROME_PATH, chromium, chromium-browser, google-chrome).
const browserTool = requireSystemTool('chromium');

/** What happened while a page loaded: console errors, uncaught errors, requests, dialogs. */
interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
  dialogs: string[];
}

async function openReport(browser: Browser, indexHtml: string): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const log: PageLog = { consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('dialog', (d) => {
    log.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(indexHtml).href);
  await page.waitForSelector('body[data-figures-rendered="true"]', { timeout: 30_000 });
  return { page, log };
}

browserTool.describe('the HTML report in headless Chromium', () => {
  jest.setTimeout(90_000);
  let root: string;
  let runs: FixtureRuns;
  let browser: Browser;
  let full: RenderReportResult;
  const outputDir = join(tmpdir(), 'evalkit-report-test-output');

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'evalkit-report-html-'));
    runs = writeFixtureRuns(root);
    full = await renderReport({ runDirs: [runs.laptop, runs.phone], outDir: join(root, 'full') });
    browser = await chromium.launch({
      executablePath: browserTool.paths.chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('renders every figure as SVG with no console errors and no network requests, and saves a screenshot', async () => {
    const { page, log } = await openReport(browser, full.indexHtml);
    const states = await page.$$eval('.vega-figure', (nodes) => nodes.map((n) => ({ id: n.getAttribute('data-figure'), rendered: n.getAttribute('data-rendered'), marks: n.querySelectorAll('svg .role-mark').length })));
    expect(states.map((s) => s.id)).toEqual(full.figures.map((f) => f.id));
    for (const s of states) {
      expect(s.rendered).toBe('true');
      expect(s.marks).toBeGreaterThan(0);
    }
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    // Only the page itself: the bundle, specs and styles are inline, and the CSP forbids fetching.
    expect(log.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(log.requests).toHaveLength(1);
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, 'report-full.png'), fullPage: true });
    await page.close();
  });

  it('shows a tooltip with the datum when a bar is hovered', async () => {
    const { page } = await openReport(browser, full.indexHtml);
    const bar = page.locator('[data-figure="decoder-speedup"] svg .role-mark path').first();
    await bar.scrollIntoViewIfNeeded();
    await bar.hover();
    const tooltip = page.locator('#vg-tooltip-element');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    const text = await tooltip.innerText();
    expect(text).toMatch(/Decoder\s+Turbo-VAED-Hunyuan/);
    expect(text).toMatch(/Speedup/);
    await page.close();
  });

  it('summarises the runs from their manifests: devices, versions, seeds, dates', async () => {
    const { page } = await openReport(browser, full.indexHtml);
    const summary = await page.locator('#run-summary').innerText();
    for (const expected of ['laptop-run', 'phone-run', 'Intel(R) Xeon(R) CPU @ 2.20GHz', 'Apple M2', 'onnxruntime 1.30.0', '2025-06-01T12:05:00.000Z', '7ff0c0e1d2c3b4a5968778695a4b3c2d1e0f9a8b', 'energy-probe']) {
      expect(summary).toContain(expected);
    }
    expect(await page.locator('#unknown').innerText()).toContain('energy-probe');
    await page.close();
  });

  it('escapes user strings: a model named <script>alert(1)</script> shows as text and never runs', async () => {
    const hostile = await renderReport({ runDirs: [runs.hostile], outDir: join(root, 'hostile'), png: false });
    const html = readFileSync(hostile.indexHtml, 'utf8');
    expect(html).not.toContain(HOSTILE_MODEL_LABEL);
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const { page, log } = await openReport(browser, hostile.indexHtml);
    expect(log.dialogs).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.consoleErrors).toEqual([]);
    const tableText = await page.locator('#table-zoo-sizes').innerText();
    expect(tableText).toContain(HOSTILE_MODEL_LABEL);
    expect(tableText).toContain(HOSTILE_LATEX_LABEL);
    expect(await page.locator('#table-htp-consistency').innerText()).toContain('Warning & <b>bold</b>');
    expect(await page.locator('b').count()).toBe(0);
    // The figure draws the name as SVG text too, escaped by vega.
    const labels = await page.$$eval('[data-figure="zoo-parameters"] svg text', (nodes) => nodes.map((n) => n.textContent ?? ''));
    expect(labels.some((t) => t.includes('<script>'))).toBe(true);
    await page.screenshot({ path: join(outputDir, 'report-hostile.png'), fullPage: false });
    await page.close();
  });

  it('says which sections are absent when kinds are missing', async () => {
    const partial = await renderReport({ runDirs: [runs.phone], outDir: join(root, 'partial'), png: false });
    expect(partial.missingSections).toEqual(['zoo-sizes', 'htp-consistency', 'agreement']);
    const { page, log } = await openReport(browser, partial.indexHtml);
    expect(log.consoleErrors).toEqual([]);
    const absent = await page.locator('#absent li').allInnerTexts();
    expect(absent).toEqual([
      'Decoder sizes (parameters and MACs): no result documents of this kind were found. (zoo-sizes)',
      'HTP consistency (PsyDraw): no result documents of this kind were found. (htp-consistency)',
      'Agreement coefficients: no result documents of this kind were found. (agreement)',
    ]);
    expect(await page.locator('.vega-figure').count()).toBe(partial.figures.length);
    await page.close();
  });
});
