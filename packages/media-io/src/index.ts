// @evalkit/media-io: every file format evalkit reads or writes, once. Byte formats are pure
// functions on typed arrays (src/*.ts); reading and writing files is in src/io/.
export type { ArrayData, ArrayDtype, NdArray, FloatTensor } from './tensor';
export { shapeSize, toFloat32 } from './tensor';
export type { Frames8, Image8 } from './frames';
export { float16BitsToFloat32, bfloat16BitsToFloat32, halfToFloat } from './float16';
export { fortranToC } from './fortran-order';
export { parseNpy, parseNpyHeader, encodeNpy, decodeFloatBytes, SUPPORTED_NPY_DTYPES } from './npy';
export type { NpyArray, NpyHeader, FloatKind } from './npy';
export { parseNpz, npzKeys } from './npz';
export { parseSafetensors, parseSafetensorsHeader, checkSafetensorsEntry, decodeSafetensorsData, encodeSafetensors, SUPPORTED_SAFETENSORS_DTYPES } from './safetensors';
export type { SafetensorsEntry } from './safetensors';
export { yuvToRgb, rgbToYcbcrPlanes } from './ycbcr';
export type { ChromaLayout, ColourRange, YuvFrame } from './ycbcr';
export { parseY4m, encodeY4m, encodeRgbY4m, y4mToFrames8 } from './y4m';
export type { Y4mVideo, Y4mOptions } from './y4m';
export { parseCsv, csvCell, formatCsv, toCsv } from './csv';
export { escapeMarkdownCell } from './markdown';
export type { CsvTable, CsvWriteOptions } from './csv';
export { readNpyFile, writeNpyFile, readTensorFile, splitTensorSpec, TENSOR_FILE_FORMATS } from './io/array-files';
export type { TensorFileOptions } from './io/array-files';
export { readY4mFile, writeY4mFile } from './io/y4m-files';
export { readSafetensorsIndex, readSafetensorsTensor } from './io/safetensors-files';
export type { SafetensorsTensorRef } from './io/safetensors-files';
export { readImage, readFrameFolder, readRgbClip, writePngFrames, listFrameFiles, isImagePath, naturalOrder, IMAGE_EXTENSIONS } from './io/image-files';
export type { ImageChannels } from './io/image-files';
