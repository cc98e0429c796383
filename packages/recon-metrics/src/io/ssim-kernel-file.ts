import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The SSIM kernel's WebAssembly bytes, assembled from wasm/ssim5.wat (see wasm/assemble.ts; a test
 * checks this file is what the text source assembles to).
 */
export function readSsimKernelBytes(): Uint8Array {
  return new Uint8Array(readFileSync(join(__dirname, 'ssim5.wasm')));
}
