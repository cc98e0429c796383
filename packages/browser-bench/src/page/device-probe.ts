import type { BrowserFingerprint, DeviceFingerprint } from '@evalkit/core';
import { WEB_BACKENDS, type WebBackend } from '../backends';
import type { OrtWebModule } from '../web-session';

/** Minimal typings of the navigator features the probe reads (not all in lib.dom yet). */
interface ProbedNavigator {
  userAgent: string;
  hardwareConcurrency?: number;
  deviceMemory?: number;
  gpu?: { requestAdapter(): Promise<{ info?: Record<string, unknown>; isFallbackAdapter?: boolean } | null> };
  ml?: unknown;
  userAgentData?: { platform?: string; getHighEntropyValues?(hints: string[]): Promise<Record<string, unknown>> };
}

/** What the page found on this device before running anything. */
export interface DeviceProbe {
  userAgent: string;
  browser: string;
  platform: string | null;
  platformVersion: string | null;
  model: string | null;
  arch: string | null;
  hardwareConcurrency: number;
  deviceMemoryGiB: number | null;
  crossOriginIsolated: boolean;
  adapter: BrowserFingerprint['webgpuAdapter'];
  webnn: boolean;
  /** Backends this browser offers: wasm always; webgpu with an adapter; webnn with navigator.ml. */
  offered: WebBackend[];
}

/** "Chromium 156", "Chrome 131", "Firefox 133", "Safari 18"... from a user agent string. */
export function browserName(userAgent: string): string {
  const pick = (re: RegExp, name: string) => {
    const m = re.exec(userAgent);
    return m ? `${name} ${m[1]}` : null;
  };
  return (
    pick(/Edg\/(\d+)/, 'Edge') ??
    pick(/HeadlessChrome\/(\d+)/, 'Headless Chromium') ??
    pick(/Chromium\/(\d+)/, 'Chromium') ??
    pick(/Chrome\/(\d+)/, 'Chrome') ??
    pick(/Firefox\/(\d+)/, 'Firefox') ??
    pick(/Version\/(\d+)[.\d]* .*Safari/, 'Safari') ??
    'unknown browser'
  );
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v.slice(0, 200) : null);

/** Reads the fingerprint inputs and which backends exist (WebGPU only counts when it yields an adapter). */
export async function probeDevice(): Promise<DeviceProbe> {
  const nav = navigator as unknown as ProbedNavigator;
  let adapter: DeviceProbe['adapter'] = null;
  try {
    const a = nav.gpu ? await nav.gpu.requestAdapter() : null;
    if (a) {
      const info = a.info ?? {};
      adapter = {
        vendor: str(info.vendor) ?? '',
        architecture: str(info.architecture) ?? '',
        device: str(info.device) ?? '',
        description: str(info.description) ?? '',
        isFallbackAdapter: typeof info.isFallbackAdapter === 'boolean' ? info.isFallbackAdapter : typeof a.isFallbackAdapter === 'boolean' ? a.isFallbackAdapter : null,
      };
    }
  } catch {
    adapter = null;
  }
  const high: Record<string, unknown> = await Promise.resolve(nav.userAgentData?.getHighEntropyValues?.(['platformVersion', 'model', 'architecture', 'bitness']))
    .then((v) => v ?? {})
    .catch(() => ({}));
  const webnn = nav.ml !== undefined;
  return {
    userAgent: nav.userAgent,
    browser: browserName(nav.userAgent),
    platform: str(nav.userAgentData?.platform),
    platformVersion: str(high.platformVersion),
    model: str(high.model),
    arch: str(high.architecture),
    hardwareConcurrency: nav.hardwareConcurrency ?? 1,
    deviceMemoryGiB: typeof nav.deviceMemory === 'number' ? nav.deviceMemory : null,
    crossOriginIsolated: self.crossOriginIsolated === true,
    adapter,
    webnn,
    offered: WEB_BACKENDS.filter((b) => b === 'wasm' || (b === 'webgpu' && adapter !== null) || (b === 'webnn' && webnn)),
  };
}

/**
 * The device fingerprint of a browser result. The Node.js fields a page cannot know stay honest:
 * cpuModel "unknown (browser)", nodeVersion "none"; the browser block says what was seen.
 */
export function browserDeviceFingerprint(probe: DeviceProbe, ort: OrtWebModule, backend: WebBackend, wasmThreads: number): DeviceFingerprint {
  const browser: BrowserFingerprint = {
    userAgent: probe.userAgent.slice(0, 1000),
    browser: probe.browser,
    platform: probe.platform,
    platformVersion: probe.platformVersion,
    model: probe.model,
    hardwareConcurrency: probe.hardwareConcurrency,
    deviceMemoryGiB: probe.deviceMemoryGiB,
    crossOriginIsolated: probe.crossOriginIsolated,
    onnxruntimeWebVersion: ort.env.versions.web ?? 'unknown',
    backend,
    wasmThreads,
    webgpuAdapter: probe.adapter,
    webnn: probe.webnn,
  };
  return {
    cpuModel: 'unknown (browser)',
    logicalCores: Math.max(1, probe.hardwareConcurrency),
    memoryBytes: (probe.deviceMemoryGiB ?? 0) * 2 ** 30,
    os: probe.platform ?? 'unknown',
    osRelease: probe.platformVersion ?? '',
    arch: probe.arch ?? '',
    nodeVersion: 'none',
    onnxruntimeVersion: `web ${browser.onnxruntimeWebVersion}`,
    executionProvider: backend,
    browser,
  };
}
