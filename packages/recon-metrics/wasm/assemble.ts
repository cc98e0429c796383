// Assembles the WebAssembly kernels from their text sources (wasm/*.wat -> src/io/*.wasm) with
// wabt's wat2wasm. Run: npm run build:wasm -w @evalkit/recon-metrics. A test checks that the
// checked-in binaries are what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import wabtInit from 'wabt';

/** The kernels: text source -> binary that src/ loads. */
export const WASM_KERNELS = [{ source: join(__dirname, 'ssim5.wat'), binary: join(__dirname, '../src/io/ssim5.wasm') }];

/** Assembles one .wat text (SIMD enabled, no names section) into module bytes. */
export async function assembleWat(text: string, name: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(name, text, { simd: true });
  try {
    module.resolveNames();
    module.validate();
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

async function main(): Promise<void> {
  for (const kernel of WASM_KERNELS) {
    const bytes = await assembleWat(readFileSync(kernel.source, 'utf8'), basename(kernel.source));
    writeFileSync(kernel.binary, bytes);
    process.stdout.write(`${kernel.source} -> ${kernel.binary} (${bytes.length} bytes)\n`);
  }
}

if (require.main === module) void main();
