import { writeFileAtomic } from '@evalkit/core';
import type { GraphBuilder } from '../graph-builder';

/** Writes a model to `path` atomically (readers never see a partial .onnx file). Returns the byte count. */
export function writeOnnxFile(path: string, model: GraphBuilder | Uint8Array): number {
  const bytes = model instanceof Uint8Array ? model : model.toBytes();
  writeFileAtomic(path, bytes);
  return bytes.byteLength;
}
