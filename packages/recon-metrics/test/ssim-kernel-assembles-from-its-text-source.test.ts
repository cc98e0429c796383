import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assembleWat, WASM_KERNELS } from '../wasm/assemble';

// The WebAssembly that runs is checked in; its source is the .wat text beside the assembler.
// Editing one without the other (npm run build:wasm -w @evalkit/recon-metrics) fails here.
describe('the WebAssembly kernels', () => {
  it.each(WASM_KERNELS.map((k) => [basename(k.source), k] as const))('%s assembles byte for byte to the checked-in binary', async (_name, kernel) => {
    const fresh = await assembleWat(readFileSync(kernel.source, 'utf8'), basename(kernel.source));
    const committed = new Uint8Array(readFileSync(kernel.binary));
    expect(fresh.length).toBe(committed.length);
    expect(Buffer.from(fresh).equals(Buffer.from(committed))).toBe(true);
  });
});
