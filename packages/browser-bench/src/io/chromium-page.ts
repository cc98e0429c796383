import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { findChromium } from './find-chromium';

/** Options of runPageInChromium. */
export interface ChromiumRunOptions {
  /** The page URL (from startBrowserBenchServer). */
  url: string;
  /** Chromium binary; default: findChromium(). */
  executablePath?: string | null;
  /** Offer WebGPU through SwiftShader's CPU adapter (correctness only: its speed is a CPU emulating a GPU). */
  swiftshaderWebgpu?: boolean;
  /** Give up after this long (ms). */
  timeoutMs: number;
  /** Browser console lines (errors of the page), for diagnosis. */
  onConsole?: (line: string) => void;
}

/** How the page ended: its status line and state ("done" or "failed"). */
export interface ChromiumRunResult {
  state: string;
  status: string;
  log: string;
}

// Flags for a quiet, offline, throwaway headless run (playwright-core cannot download browsers here).
const BASE_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
// WebGPU on SwiftShader: Dawn's CPU adapter, so CI without a GPU still checks the webgpu backend.
const SWIFTSHADER_WEBGPU = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];

/**
 * Opens the benchmark page in a headless Chromium driven by playwright-core and waits until the
 * page says it finished. A missing browser is an error naming the Debian package.
 */
export async function runPageInChromium(options: ChromiumRunOptions): Promise<ChromiumRunResult> {
  const executablePath = findChromium(options.executablePath);
  if (!executablePath) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'no Chromium found: install the Debian package "chromium" (apt-get install chromium) or pass --browser PATH / set EVALKIT_CHROMIUM', {
      field: '--browser',
      value: options.executablePath ?? process.env.EVALKIT_CHROMIUM ?? 'chromium on PATH',
    });
  }
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'evalkit-chromium-'));
  const flags = [...BASE_FLAGS, ...(options.swiftshaderWebgpu ? SWIFTSHADER_WEBGPU : [])];
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: flags });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') options.onConsole?.(m.text());
    });
    page.on('pageerror', (e) => options.onConsole?.(`page error: ${e.message}`));
    await page.goto(options.url);
    // Expressions as strings: this file is Node code, the page's DOM types are not in its scope.
    await page.waitForFunction("['done', 'failed'].includes(document.getElementById('status')?.dataset.state ?? '')", undefined, { timeout: options.timeoutMs, polling: 250 });
    return (await page.evaluate(
      "({ state: document.getElementById('status').dataset.state, status: document.getElementById('status').textContent, log: document.getElementById('log').textContent })",
    )) as ChromiumRunResult;
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
