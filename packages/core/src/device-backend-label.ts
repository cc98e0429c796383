import type { DeviceFingerprint } from './device-fingerprint';

/**
 * How a result's device differs from "this CPU through onnxruntime-node", for legends and columns:
 * a browser's name, device model and backend (with the WebGPU adapter), or onnxruntime-web's wasm
 * backend inside Node.js; null for native runs. Readers put it beside the CPU model so one machine's
 * native, wasm and WebGPU rows stay separate series.
 */
export function deviceBackendLabel(device: DeviceFingerprint): string | null {
  const b = device.browser;
  if (b) {
    const adapter = b.backend === 'webgpu' && b.webgpuAdapter ? [b.webgpuAdapter.vendor, b.webgpuAdapter.architecture].filter(Boolean).join(' ') : '';
    return `${b.browser}${b.model ? ` on ${b.model}` : ''} · ${b.backend}${adapter ? ` (${adapter})` : ''}`;
  }
  if (device.onnxruntimeVersion?.startsWith('web ')) return `onnxruntime-web ${device.executionProvider ?? 'wasm'}`;
  return null;
}
