import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** onnxruntime-web's dist folder inside node_modules. */
export function ortWebDistDir(): string {
  // The package exports no ./package.json; its Node entry lives in dist/ beside the wasm files.
  return dirname(require.resolve('onnxruntime-web'));
}

/** onnxruntime-web's version, from its package.json. */
export function ortWebVersion(): string {
  return (JSON.parse(readFileSync(join(ortWebDistDir(), '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The WebAssembly runtime files a page may load (ort-wasm-simd-threaded[.variant].{wasm,mjs}) from
 * the installed package, each read on first request and kept: the page never asks a CDN, and
 * nothing else in node_modules is reachable through the server.
 */
export function ortWasmFiles(): (name: string) => Buffer | null {
  const dir = ortWebDistDir();
  const names = new Set(readdirSync(dir).filter((name) => /^ort-wasm-simd-threaded(\.[a-z]+)?\.(wasm|mjs)$/.test(name)));
  const cache = new Map<string, Buffer>();
  return (name) => {
    if (!names.has(name)) return null;
    let data = cache.get(name);
    if (!data) {
      data = readFileSync(join(dir, name));
      cache.set(name, data);
    }
    return data;
  };
}

/** Reads a TLS certificate and key (PEM) for --tls-cert / --tls-key. */
export function readTlsFiles(certPath: string, keyPath: string): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
}
