import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireSystemTool } from '@evalkit/test-harness';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[], timeout = 300_000) => runEvalkit(args, { timeout });
const chromium = requireSystemTool('chromium');
const fast = ['--variants', '1,6', '--time-budget', '5', '--min-samples', '3'];

describe('evalkit bench kernels --runtime web', () => {
  it('runs the suite on onnxruntime-web wasm inside Node.js and labels the document as such', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalkit-web-runtime-'));
    try {
      const out = join(dir, 'wasm.json');
      const r = run(['bench', 'kernels', '--runtime', 'web', '--threads', '1', ...fast, '--out', out]);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.status).toBe(0);
      const doc = JSON.parse(readFileSync(out, 'utf8'));
      expect(doc.config.runtime).toBe('onnxruntime-web');
      expect(doc.manifest.device).toMatchObject({ executionProvider: 'wasm', onnxruntimeVersion: expect.stringMatching(/^web \d+\.\d+\.\d+$/) });
      for (const row of doc.results) expect(row.state).toBe('completed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('refuses an unknown runtime with exit 2 (usage error) naming the option', () => {
    const r = run(['bench', 'kernels', '--runtime', 'cuda', '--variants', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--runtime.*cuda/);
  });
});

chromium.describe('evalkit bench browser then evalkit report', () => {
  it('writes wasm and WebGPU documents from headless Chromium, and the report draws them beside the native CPU', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalkit-bench-browser-'));
    try {
      const runDir = join(dir, 'run');
      const native = run(['bench', 'kernels', ...fast, '--out', join(runDir, 'kernels-native.json')]);
      expect(native.status).toBe(0);
      const b = run(['bench', 'browser', '--out', runDir, '--backends', 'wasm,webgpu', '--no-decoders', ...fast, '--quiet', '--browser', chromium.paths.chromium], 600_000);
      expect(b.stderr).toBe('');
      expect(b.status).toBe(0);
      expect(b.stdout).toMatch(/2 document\(s\) written/);
      const files = readdirSync(runDir).sort();
      expect(files).toEqual(['kernel-bench.browser-wasm.' + files[0].split('.')[2] + '.json', 'kernel-bench.browser-webgpu.' + files[0].split('.')[2] + '.json', 'kernels-native.json']);
      const report = run(['report', runDir, '--out', join(dir, 'report'), '--json']);
      expect(report.status).toBe(0);
      const result = JSON.parse(report.stdout);
      expect(result.series).toHaveLength(3);
      expect(result.series).toEqual(expect.arrayContaining([expect.stringMatching(/Chromium \d+ · wasm$/), expect.stringMatching(/Chromium \d+ · webgpu \(.*swiftshader\)$/)]));
      const spec = JSON.parse(readFileSync(join(dir, 'report', 'figures', 'kernel-latency.vl.json'), 'utf8'));
      const drawn = new Set(JSON.stringify(spec).match(/Chromium \d+ · (wasm|webgpu)/g));
      expect(drawn).toEqual(new Set(result.series.filter((s: string) => s.includes('Chromium')).map((s: string) => s.match(/Chromium \d+ · (wasm|webgpu)/)![0])));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 900_000);

  it('refuses --min-runs above --max-runs for the page decoders before serving anything (exit 2)', () => {
    const out = join(tmpdir(), 'evalkit-never-served');
    const r = run(['bench', 'serve', '--out', out, '--min-runs', '5', '--max-runs', '3', '--port', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--max-runs.*--min-runs \(5\) is above --max-runs/);
  }, 120_000);

  it('names the Debian package when the browser is missing', () => {
    const r = run(['bench', 'browser', '--out', join(tmpdir(), 'never-written'), '--browser', '/nonexistent/chromium', '--no-decoders']);
    expect(r.status).toBe(2); // --browser names a program that is not there: a bad flag value
    expect(r.stderr).toMatch(/install the Debian package "chromium"/);
  }, 120_000);
});
