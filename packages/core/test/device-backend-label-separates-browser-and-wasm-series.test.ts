import { deviceBackendLabel, type DeviceFingerprint } from '../src';
import { deviceFingerprintSchema } from '../src/device-fingerprint';

const native: DeviceFingerprint = { cpuModel: 'AMD EPYC', logicalCores: 2, memoryBytes: 2 ** 34, os: 'linux', osRelease: '6.1', arch: 'x64', nodeVersion: '20.19.0', onnxruntimeVersion: '1.30.0', executionProvider: 'cpu' };
const browser = {
  userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  browser: 'Safari 18',
  platform: null,
  platformVersion: null,
  model: null,
  hardwareConcurrency: 6,
  deviceMemoryGiB: null,
  crossOriginIsolated: true,
  onnxruntimeWebVersion: '1.30.0',
  backend: 'webgpu' as const,
  wasmThreads: 6,
  webgpuAdapter: { vendor: 'apple', architecture: 'common-3', device: '', description: '', isFallbackAdapter: false },
  webnn: false,
};

describe('deviceBackendLabel', () => {
  it('is null for a native onnxruntime-node run (the CPU model alone names the series)', () => {
    expect(deviceBackendLabel(native)).toBeNull();
  });

  it('names onnxruntime-web and its backend for a Node.js wasm run', () => {
    expect(deviceBackendLabel({ ...native, onnxruntimeVersion: 'web 1.30.0', executionProvider: 'wasm' })).toBe('onnxruntime-web wasm');
  });

  it('names the browser, backend and WebGPU adapter for a page, and the model when the browser gives one', () => {
    const device = { ...native, cpuModel: 'unknown (browser)', executionProvider: 'webgpu', browser };
    expect(deviceBackendLabel(device)).toBe('Safari 18 · webgpu (apple common-3)');
    expect(deviceBackendLabel({ ...device, browser: { ...browser, backend: 'wasm', model: 'Pixel 8', browser: 'Chrome 131' } })).toBe('Chrome 131 on Pixel 8 · wasm');
  });

  it('keeps the browser block through the fingerprint schema (a reader sees what the page wrote)', () => {
    expect(deviceFingerprintSchema.parse({ ...native, browser }).browser).toEqual(browser);
    expect(deviceFingerprintSchema.safeParse({ ...native, browser: { ...browser, backend: 'cuda' } }).success).toBe(false);
  });
});
