import { z } from 'zod';

/**
 * What a web page can learn about the device it runs on (there is no CPU model in a browser): the
 * user agent, the cores and memory the browser reports, the WebGPU adapter, whether the page was
 * cross-origin isolated (WebAssembly threads need it), and onnxruntime-web's version and backend.
 */
export const browserFingerprintSchema = z.object({
  userAgent: z.string().max(1000),
  /** Short browser name and major version parsed from the user agent, e.g. "Chromium 156". */
  browser: z.string().max(200),
  /** navigator.userAgentData high-entropy values where the browser offers them (Chromium). */
  platform: z.string().max(200).nullable(),
  platformVersion: z.string().max(200).nullable(),
  model: z.string().max(200).nullable(),
  hardwareConcurrency: z.number().int().nonnegative(),
  /** navigator.deviceMemory in GiB (rounded and capped by the browser); null where absent. */
  deviceMemoryGiB: z.number().nonnegative().nullable(),
  crossOriginIsolated: z.boolean(),
  onnxruntimeWebVersion: z.string().max(100),
  backend: z.enum(['wasm', 'webgpu', 'webnn']),
  wasmThreads: z.number().int().positive(),
  webgpuAdapter: z
    .object({ vendor: z.string().max(200), architecture: z.string().max(200), device: z.string().max(200), description: z.string().max(500), isFallbackAdapter: z.boolean().nullable() })
    .nullable(),
  webnn: z.boolean(),
});

/** Browser part of a device fingerprint (absent for Node.js runs). */
export type BrowserFingerprint = z.infer<typeof browserFingerprintSchema>;
