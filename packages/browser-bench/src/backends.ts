/** A backend a page can run graphs on, as onnxruntime-web names its execution providers. */
export type WebBackend = 'wasm' | 'webgpu' | 'webnn';

/** Every backend the page knows, in the order it tries them. */
export const WEB_BACKENDS: readonly WebBackend[] = ['wasm', 'webgpu', 'webnn'];
