import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The metrics kernels' WebAssembly bytes, assembled from wasm/metrics.wat ('plain', SIMD 1.0) or
 * wasm/metrics-fma.wat ('fma', relaxed SIMD multiply-add); see wasm/assemble.ts (a test checks
 * these files are what the text sources assemble to).
 */
export function readMetricsKernelBytes(variant: 'plain' | 'fma'): Uint8Array {
  return new Uint8Array(readFileSync(join(__dirname, variant === 'fma' ? 'metrics-fma.wasm' : 'metrics.wasm')));
}
