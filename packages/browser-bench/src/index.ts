// Public API of @evalkit/browser-bench: kernels and zoo decoders in any browser through onnxruntime-web.
export { buildPlan } from './build-plan';
export { BROWSER_BENCH_DEFAULTS } from './plan-defaults';
export { WEB_BACKENDS } from './backends';
export { DecoderAssets } from './server/decoder-assets';
export { startBrowserBenchServer } from './server/serve';
export type { BrowserBenchServer, ServerEvent } from './server/serve';
export { terminalQrCode } from './server/terminal-qr';
export { runPageInChromium } from './io/chromium-page';
export { readTlsFiles } from './io/static-files';
export { loadNodeWebRuntime } from './node-web-runtime';
