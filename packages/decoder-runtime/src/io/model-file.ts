import { existsSync, readFileSync, statSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** Reads an ONNX model file's bytes; a missing path or a directory is an error naming the file. */
export function readModelFile(path: string): Uint8Array {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such ONNX model file', { file: path });
  if (statSync(path).isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'expected an ONNX model file, got a directory', { file: path });
  return new Uint8Array(readFileSync(path));
}
