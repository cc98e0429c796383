import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/**
 * Size limits of a set of PsyDraw reports, checked from the file system before anything is read.
 * PsyDraw's study has 290 reports of a few kilobytes each; the limits leave three orders of magnitude
 * of room and stop a wrong path (a home folder, a video) before it fills the heap.
 */
export const OUTPUT_LIMITS = {
  /** .json files in a folder of reports. */
  files: 100_000,
  /** Bytes of one report file in a folder. */
  fileBytes: 16 * 2 ** 20,
  /** Bytes of a .jsonl / .json file, or of all the .json files of a folder together. */
  totalBytes: 512 * 2 ** 20,
} as const;

/** Refuses a folder holding more report files than OUTPUT_LIMITS.files, naming the folder, the count and the limit. */
export function checkOutputFileCount(path: string, files: number): void {
  if (files > OUTPUT_LIMITS.files) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `${files} .json files is above the limit of ${OUTPUT_LIMITS.files} reports in a folder`, { file: path, field: 'files', value: files });
}

/** Refuses a report file above `limit` bytes, naming the file, its size and the limit. */
export function checkOutputBytes(path: string, bytes: number, limit: number, what: string): void {
  if (bytes > limit) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `${bytes} bytes is above the limit of ${limit} bytes for ${what}`, { file: path, field: 'size', value: bytes });
}
