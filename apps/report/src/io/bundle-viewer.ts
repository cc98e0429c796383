import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '@evalkit/core';

/** Where the bundler resolves vega, vega-lite and vega-embed from (this app's folder). */
const APP_DIR = resolve(__dirname, '../..');

const ENTRY = `
import embed from 'vega-embed';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
window.vegaEmbed = embed;
window.vega = vega;
window.vegaLite = vegaLite;
`;

let inProcess: Promise<string> | undefined;

function versionOf(pkg: string): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a package manifest, read for the cache key
    return (require(require.resolve(`${pkg}/package.json`, { paths: [APP_DIR] })) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The cache file name names every version that goes into the bundle, so an upgrade never reuses a stale one. */
function cachePath(): string {
  const key = ['vega', 'vega-lite', 'vega-embed', 'esbuild'].map((p) => `${p}-${versionOf(p)}`).join('_');
  return join(tmpdir(), `evalkit-report-viewer_${key}.js`);
}

async function build(): Promise<string> {
  const cached = cachePath();
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: APP_DIR, loader: 'js', sourcefile: 'evalkit-viewer.js' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  // Best effort: a read-only temp folder only costs the next run another bundling.
  try {
    writeFileAtomic(cached, code);
  } catch {
    /* ignore */
  }
  return code;
}

/**
 * The browser bundle of vega, vega-lite and vega-embed (tooltips included) that the HTML page
 * inlines, so the page works offline from file://. Built once per process and cached on disk.
 */
export function viewerBundle(): Promise<string> {
  inProcess ??= build().catch((error: unknown) => {
    inProcess = undefined;
    throw error;
  });
  return inProcess;
}
