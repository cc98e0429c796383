// Public API of @evalkit/browser-bench: kernels and zoo decoders in any browser through onnxruntime-web.
export type { BrowserBenchPlan, KernelPlan, DecoderPlan, DecoderAsset } from './plan';
export { buildPlan } from './build-plan';
export type { PlanOptions } from './build-plan';
export { WEB_BACKENDS } from './backends';
export type { WebBackend } from './backends';
export { DecoderAssets, latentFramesFor } from './server/decoder-assets';
export type { DecoderAssetOptions } from './server/decoder-assets';
export { startBrowserBenchServer } from './server/serve';
export type { BrowserBenchServer, BrowserBenchServerOptions, ServerEvent } from './server/serve';
export { acceptPostedDocument, postedFileName, browserDeviceSlug, POSTABLE_KINDS } from './server/posted-document';
export type { AcceptedDocument } from './server/posted-document';
export { isLoopbackHost, allowedHostHeaders, createToken, lanAddresses } from './server/access';
export { terminalQrCode } from './server/terminal-qr';
export { runPageInChromium } from './io/chromium-page';
export type { ChromiumRunOptions, ChromiumRunResult } from './io/chromium-page';
export { findChromium } from './io/find-chromium';
export { readTlsFiles, ortWebVersion } from './io/static-files';
