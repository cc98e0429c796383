// @evalkit/media-io: every file format evalkit reads or writes, once. Byte formats are pure
// functions on typed arrays (src/*.ts); reading and writing files is in src/io/.
export type { NdArray, FloatTensor } from './tensor';
export { shapeSize } from './tensor';
export type { Frames8 } from './frames';
export { parseNpy, encodeNpy } from './npy';
export { parseNpz } from './npz';
export { parseSafetensors, parseSafetensorsHeader, encodeSafetensors } from './safetensors';
export { parseY4m, encodeY4m, encodeRgbY4m } from './y4m';
export { parseCsv, formatCsv, toCsv } from './csv';
export { escapeMarkdownCell } from './markdown';
export type { CsvTable } from './csv';
export { readNpyFile, writeNpyFile, readTensorFile } from './io/array-files';
export { readY4mFile, writeY4mFile } from './io/y4m-files';
export { readSafetensorsIndex, readSafetensorsTensor } from './io/safetensors-files';
export type { SafetensorsTensorRef } from './io/safetensors-files';
export { readImage, readFrameFolder, readRgbClip, writePngFrames, listFrameFiles, isImagePath, naturalOrder } from './io/image-files';
export { findFfmpegTools, ffmpegVersion } from './io/ffmpeg-tools';
export { openVideoFile, isFfmpegVideoPath, FFMPEG_VIDEO_EXTENSIONS } from './io/video-reader';
export { writeVideoFile, videoEncoding } from './io/video-writer';
export type { VideoEncoding } from './io/video-writer';
