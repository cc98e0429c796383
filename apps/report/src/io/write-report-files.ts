import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@evalkit/core';

/** Writes every file of the report under outDir, each atomically (temporary file, then rename). */
export function writeReportFiles(outDir: string, files: ReadonlyMap<string, string | Uint8Array>): string[] {
  const written: string[] = [];
  for (const [relativePath, data] of files) {
    const path = join(outDir, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, data);
    written.push(path);
  }
  return written;
}
