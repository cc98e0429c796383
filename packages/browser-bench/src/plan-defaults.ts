import { WEB_BACKENDS, type WebBackend } from './backends';

/**
 * What a browser benchmark runs when the command says nothing: small decoders a phone finishes in
 * about a minute, the smoke kernel preset. `evalkit bench serve` (any device on the network) and
 * `evalkit bench browser` (local headless Chromium) share everything but the port and backends.
 */
export const BROWSER_BENCH_DEFAULTS = {
  host: '127.0.0.1',
  preset: 'smoke',
  models: ['turbo-vaed-hunyuan', 'hunyuanvideo'],
  height: 64,
  width: 64,
  frames: 17,
  /** Timed decodes per decoder: at least minRuns, at most maxRuns, pairs stopping once each median's interval is within ± targetCi or maxTimeSeconds have passed. */
  minRuns: 3,
  maxRuns: 10,
  maxTimeSeconds: 60,
  targetCi: 0.05,
  warmup: 1,
  /** A phone runs out of memory at the published width. */
  widthMult: 0.25,
  seed: 1,
  serve: { port: 8417, backends: [...WEB_BACKENDS] as WebBackend[], decoderBackends: undefined as WebBackend[] | undefined },
  // Decoders on SwiftShader take minutes per decode and say nothing about a GPU: wasm only.
  browser: { port: 0, backends: ['wasm', 'webgpu'] as WebBackend[], decoderBackends: ['wasm'] as WebBackend[] | undefined },
} as const;
