import { request } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultDocument } from '@evalkit/core';
import { buildPlan, startBrowserBenchServer, type BrowserBenchServer } from '../src';

/** A raw HTTP request, so the test controls the Host and Origin headers (fetch may not). */
function http(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // The server may close the socket on an oversized body before reading all of it.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: -1, body: e.code }) : reject(e)));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const browser = {
  userAgent: 'Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  browser: 'Chrome 131',
  platform: 'Android',
  platformVersion: '15.0.0',
  model: 'Pixel 8',
  hardwareConcurrency: 9,
  deviceMemoryGiB: 8,
  crossOriginIsolated: true,
  onnxruntimeWebVersion: '1.30.0',
  backend: 'webgpu',
  wasmThreads: 9,
  webgpuAdapter: { vendor: 'arm', architecture: 'valhall', device: '', description: '', isFallbackAdapter: false },
  webnn: false,
};

/** A kernel-bench document as the page posts it (one completed row). */
function pageDocument(): Record<string, unknown> {
  return {
    schema: 'evalkit/kernel-bench@1',
    manifest: {
      tool: 'evalkit bench serve',
      toolVersion: '0.1.0',
      command: ['evalkit', 'bench', 'serve'],
      config: {},
      seed: 1,
      gitRevision: null,
      startedAt: '2026-11-29T07:00:00.000Z',
      finishedAt: '2026-11-29T07:01:00.000Z',
      device: { cpuModel: 'unknown (browser)', logicalCores: 9, memoryBytes: 8 * 2 ** 30, os: 'Android', osRelease: '15.0.0', arch: '', nodeVersion: 'none', onnxruntimeVersion: 'web 1.30.0', executionProvider: 'webgpu', browser },
    },
    config: { preset: 'smoke', backend: 'webgpu' },
    results: [
      {
        variant: '6',
        variantIndex: 6,
        label: 'Conv3d C->8C + decoupled 3-D pixel shuffle (Turbo-VAED)',
        implementation: 'onnx',
        part: 'full',
        shape: { n: 1, c: 8, t: 2, h: 8, w: 8 },
        shapeLabel: 'smoke',
        bytes: 40960,
        macs: 65536,
        state: 'completed',
        meanMs: 1.2,
        medianMs: 1.1,
        p99Ms: 1.6,
        sdMs: 0.1,
        samples: 20,
        gbps: 0.04,
        gflops: 0.12,
        fractionOfMemcpy: 0.004,
        fractionOfMatmul: 0.001,
        speedupVsVariant1: 2.1,
        checks: [{ method: 'full path: onnxruntime graph vs direct TS reference', maxAbsDiff: 3e-7, tolerance: 1e-4, shapeLabel: '1x8x2x8x8' }],
      },
    ],
    summary: { ceilings: { memcpyGBps: 10, matmulGflops: 100, memcpyBytes: 1, matmulSize: 256, threads: 9 } },
  };
}

const plan = buildPlan({
  tool: { name: 'evalkit bench serve', toolVersion: '0.1.0', command: [], gitRevision: null },
  backends: ['wasm'],
  threads: null,
  preset: 'smoke',
  warmup: 1,
  seed: 1,
  decoders: null,
  decoderSettings: { height: 64, width: 64, frames: 17, sampling: { minRuns: 1, maxRuns: 1, maxTimeMs: 1000, targetCi: 0.05, warmup: 0 }, widthMult: 0.25, seed: 0 },
});

describe('bench serve on the network (0.0.0.0, token)', () => {
  jest.setTimeout(60_000);
  let dir: string;
  let server: BrowserBenchServer;
  let host: string;
  let json: Record<string, string>;
  const post = (path: string, body: string, headers: Record<string, string> = json) => http(server.port, 'POST', path, headers, body);
  const files = () => readdirSync(dir).filter((f) => !f.startsWith('.'));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'evalkit-serve-'));
    server = await startBrowserBenchServer({ outDir: dir, host: '0.0.0.0', port: 0, plan, decoders: null, maxBodyBytes: 64 * 1024 });
    host = `127.0.0.1:${server.port}`;
    json = { host, 'content-type': 'application/json' };
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a token of 128 random bits and puts it in every URL it prints', () => {
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    for (const u of server.lanUrls) expect(u).toContain(`?token=${server.token}`);
  });

  it('refuses a post without the token, or with a wrong one, and writes nothing', async () => {
    expect((await post('/api/results', JSON.stringify(pageDocument()))).status).toBe(403);
    const wrong = `${server.token!.slice(0, -1)}${server.token!.endsWith('A') ? 'B' : 'A'}`;
    expect((await post(`/api/results?token=${wrong}`, JSON.stringify(pageDocument()))).status).toBe(403);
    expect((await http(server.port, 'GET', '/api/plan', { host })).status).toBe(403);
    expect(files()).toEqual([]);
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin, and writes nothing', async () => {
    const ok = `?token=${server.token}`;
    expect((await post(`/api/results${ok}`, JSON.stringify(pageDocument()), { ...json, host: `evil.example:${server.port}` })).status).toBe(421);
    expect((await http(server.port, 'GET', '/', { host: 'evil.example' })).status).toBe(421);
    expect((await post(`/api/results${ok}`, JSON.stringify(pageDocument()), { ...json, origin: 'http://evil.example' })).status).toBe(403);
    expect(files()).toEqual([]);
  });

  it('refuses an oversized post before reading it all, and writes nothing', async () => {
    const doc = pageDocument();
    (doc.config as Record<string, unknown>).padding = 'x'.repeat(100 * 1024);
    const r = await post(`/api/results?token=${server.token}`, JSON.stringify(doc));
    expect([413, -1]).toContain(r.status);
    expect(files()).toEqual([]);
  });

  it('refuses documents that fail the schema, naming the field, and writes nothing', async () => {
    const url = `/api/results?token=${server.token}`;
    const cases: [Record<string, unknown> | string, RegExp][] = [
      ['{"schema": ', /not valid JSON/],
      [{ ...pageDocument(), schema: 'evalkit/kernel-bench@99' }, /unknown schema version/],
      [{ ...pageDocument(), schema: 'evalkit/htp-consistency@1' }, /kernel-bench or decoder-bench/],
      [{ ...pageDocument(), results: [{ ...(pageDocument().results as object[])[0], medianMs: 'fast' }] }, /results\[0\]\.medianMs/],
      [{ ...pageDocument(), results: [{ ...(pageDocument().results as object[])[0], implementation: 'gpu' }] }, /results\[0\]\.implementation/],
      // A decoder row without the interval statistics every timed row carries (the page's old timing).
      [{ ...pageDocument(), schema: 'evalkit/decoder-bench@1', results: [{ model: 'turbo-vaed-hunyuan', label: 'Turbo-VAED', height: 64, width: 64, latentFrames: 5, outputFrames: 17, runs: 3, medianMs: 10, fps: 1700, macs: 1e9, params: 1e6, gflops: 200, ceilingFraction: null, widthMult: 0.25 }] }, /results\[0\]\.(meanMs|samplesMs)/],
      // The old timing's fields (which core's schema accepts, as older documents have them) without the statistics a page always computes.
      [{ ...pageDocument(), schema: 'evalkit/decoder-bench@1', results: [{ model: 'turbo-vaed-hunyuan', label: 'Turbo-VAED', height: 64, width: 64, latentFrames: 5, outputFrames: 17, runs: 3, samples: 3, meanMs: 10, medianMs: 10, minMs: 9, p99Ms: 11, sdMs: 1, fps: 1700, peakRssBytes: null, macs: 1e9, params: 1e6, gflops: 200, ceilingFraction: null, widthMult: 0.25 }], summary: { matmulCeilingGflops: null, pairs: [] } }, /results\[0\]\.samplesMs/],
    ];
    const noBrowser = pageDocument();
    delete ((noBrowser.manifest as Record<string, unknown>).device as Record<string, unknown>).browser;
    cases.push([noBrowser, /manifest\.device\.browser/]);
    for (const [doc, message] of cases) {
      const r = await post(url, typeof doc === 'string' ? doc : JSON.stringify(doc));
      expect(r.status).toBe(422);
      expect(JSON.parse(r.body).error).toMatch(message);
    }
    expect(files()).toEqual([]);
  });

  it('refuses a post that is not JSON (no form posts from other pages)', async () => {
    expect((await post(`/api/results?token=${server.token}`, JSON.stringify(pageDocument()), { host, 'content-type': 'text/plain' })).status).toBe(415);
    expect(files()).toEqual([]);
  });

  it('writes a valid document with the token as <kind>.browser-<backend>.<device>.json that core reads back', async () => {
    const r = await post(`/api/results?token=${server.token}`, JSON.stringify(pageDocument()));
    expect(r.status).toBe(201);
    const name = JSON.parse(r.body).file as string;
    expect(name).toMatch(/^kernel-bench\.browser-webgpu\.chrome-131-pixel-8-[0-9a-f]{8}\.json$/);
    expect(files()).toEqual([name]);
    const doc = readResultDocument(join(dir, name));
    expect(doc.manifest.device.browser).toEqual(browser);
    expect(doc.results[0].medianMs).toBe(1.1);
  });

  it('serves the page and its runtime with the cross-origin isolation headers WebAssembly threads need', async () => {
    const page = await new Promise<Record<string, unknown>>((resolve) => request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host } }, (res) => resolve(res.headers)).end());
    expect(page['cross-origin-opener-policy']).toBe('same-origin');
    expect(page['cross-origin-embedder-policy']).toBe('require-corp');
    const wasm = await http(server.port, 'GET', '/ort/ort-wasm-simd-threaded.jsep.wasm', { host });
    expect(wasm.status).toBe(200);
    // Only the runtime's .wasm/.mjs files: nothing else of node_modules, even with the token.
    for (const path of ['/ort/../package.json', '/ort/%2e%2e/package.json', '/ort/ort.all.min.mjs', '/ort/ort-wasm-simd-threaded.jsep.wasm.map']) {
      expect((await http(server.port, 'GET', `${path}?token=${server.token}`, { host })).status).toBe(404);
    }
  });
});

describe('bench serve on this machine (127.0.0.1, the default)', () => {
  it('needs no token but still refuses a foreign Host header', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalkit-serve-local-'));
    const server = await startBrowserBenchServer({ outDir: dir, host: '127.0.0.1', port: 0, plan, decoders: null });
    try {
      expect(server.token).toBeNull();
      expect(server.lanUrls).toEqual([]);
      const planRes = await http(server.port, 'GET', '/api/plan', { host: `localhost:${server.port}` });
      expect(planRes.status).toBe(200);
      expect(JSON.parse(planRes.body).kernels.variants).toEqual(['1', '2', '3', '4', '5', '6', '7a', '7b', '8a', '8b']);
      expect((await http(server.port, 'GET', '/api/plan', { host: `attacker.example:${server.port}` })).status).toBe(421);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('bench serve over HTTPS (--tls-cert/--tls-key)', () => {
  it('serves the plan with the given certificate, which a client that trusts it verifies', async () => {
    const fixtures = join(__dirname, 'fixtures', 'tls');
    const cert = readFileSync(join(fixtures, 'cert.pem'));
    const dir = mkdtempSync(join(tmpdir(), 'evalkit-serve-tls-'));
    const server = await startBrowserBenchServer({ outDir: dir, host: '127.0.0.1', port: 0, plan, decoders: null, tls: { cert, key: readFileSync(join(fixtures, 'key.pem')) } });
    try {
      expect(server.url).toBe(`https://127.0.0.1:${server.port}/`);
      const status = await new Promise<number>((resolve, reject) =>
        httpsGet({ host: '127.0.0.1', port: server.port, path: '/api/plan', ca: cert, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject),
      );
      expect(status).toBe(200);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
