import { writeFileAtomic } from '@evalkit/core';
import type { GraphBuilder, SerializeOptions } from '../graph-builder';

/** Writes a model to `path` atomically (readers never see a partial .onnx file). Returns the byte count. */
export function writeOnnxFile(path: string, model: GraphBuilder | Uint8Array, options: SerializeOptions = {}): number {
  const bytes = model instanceof Uint8Array ? model : model.toBytes(options);
  writeFileAtomic(path, bytes);
  return bytes.byteLength;
}
