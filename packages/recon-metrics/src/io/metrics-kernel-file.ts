import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The metrics kernels' WebAssembly bytes, assembled from wasm/metrics.wat (see wasm/assemble.ts; a
 * test checks this file is what the text source assembles to).
 */
export function readMetricsKernelBytes(): Uint8Array {
  return new Uint8Array(readFileSync(join(__dirname, 'metrics.wasm')));
}
