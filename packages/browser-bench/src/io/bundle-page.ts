import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** Entry of the page script. */
const PAGE_ENTRY = join(__dirname, '../page/main.ts');

/**
 * Bundles the page (its code, kernel-bench, onnx-graph, core and onnxruntime-web's JavaScript) into
 * one ES module with esbuild, in memory, when the server starts: nothing is fetched at run time and
 * no build step is needed. The library code the page imports also has Node-only parts (file writes,
 * onnxruntime-node behind a dynamic import) that the page never calls; they become empty modules.
 */
export async function bundlePage(): Promise<string> {
  const nodeOnly = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'cli-progress']);
  const result = await build({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    // onnxruntime-web's build that loads its .wasm/.mjs from ort.env.wasm.wasmPaths (served by us).
    conditions: ['onnxruntime-web-use-extern-wasm'],
    external: ['onnxruntime-node', 'onnxruntime-node/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'node-only-to-empty',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => (nodeOnly.has(args.path) ? { path: args.path, namespace: 'node-only' } : undefined));
          build.onLoad({ filter: /.*/, namespace: 'node-only' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}
