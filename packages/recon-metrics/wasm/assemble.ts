// Writes the WebAssembly kernels: wasm/metrics.wat from its generator (wasm/generate-kernels.ts),
// then src/io/metrics.wasm from that text with wabt's wat2wasm. Run: npm run build:wasm -w
// @evalkit/recon-metrics. Tests check that the checked-in text and binary are what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import wabtInit from 'wabt';
import { metricsKernelsWat } from './generate-kernels';

/** The kernels: generator -> text source -> binary that src/ loads. */
export const WASM_KERNELS = [
  { generate: () => metricsKernelsWat('plain'), source: join(__dirname, 'metrics.wat'), binary: join(__dirname, '../src/io/metrics.wasm') },
  { generate: () => metricsKernelsWat('fma'), source: join(__dirname, 'metrics-fma.wat'), binary: join(__dirname, '../src/io/metrics-fma.wasm') },
];

/** Assembles one .wat text (SIMD, relaxed SIMD and shared memory enabled, no names section) into module bytes. */
export async function assembleWat(text: string, name: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(name, text, { simd: true, threads: true, relaxed_simd: true });
  try {
    module.resolveNames();
    // wabt's typings omit validate's features argument; without it shared memory is refused
    (module.validate as (features: object) => void)({ simd: true, threads: true, relaxed_simd: true });
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

async function main(): Promise<void> {
  for (const kernel of WASM_KERNELS) {
    writeFileSync(kernel.source, kernel.generate());
    const bytes = await assembleWat(readFileSync(kernel.source, 'utf8'), basename(kernel.source));
    writeFileSync(kernel.binary, bytes);
    process.stdout.write(`${kernel.source} -> ${kernel.binary} (${bytes.length} bytes)\n`);
  }
}

if (require.main === module) void main();
