import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { ERROR_CODES, EvalkitError } from '../errors';
import { psydrawPaperSchema, turboVaedPaperSchema, type PaperValues } from '../paper/paper-values';
import { evalkitErrorFromZod } from '../zod-error';

/**
 * fixtures/paper of this checkout: the papers' published values, each file citing its source.
 * A function, not a constant: core is also bundled into the browser benchmark's page, where
 * node:path is an empty module and a path computed at import time would stop the page loading.
 */
export function paperDir(): string {
  return resolve(__dirname, '../../../../fixtures/paper');
}

function readOne<S extends z.ZodType>(file: string, schema: S): z.output<S> | null {
  if (!existsSync(file)) return null;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `not valid JSON: ${(error as Error).message}`, { file });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw evalkitErrorFromZod(parsed.error, value, { file, prefix: 'invalid paper values: ' });
  return parsed.data;
}

/**
 * The one reader of the papers' values (turbo-vaed.json, psydraw.json in `dir`). Every tool that
 * puts a paper value next to a measured one gets it from here.
 *
 * When they are joined: when a document is written. A document then carries the reference it was
 * compared with (zoo-sizes paperParamsM/paperMacsT, decoder-bench pairs' paperGpuSpeedup and
 * summary paperFps, recon-metrics summary paperQualityRetention, htp-consistency paperPercent), so
 * the report, which reads documents and runs nothing, draws exactly what was written, and a later
 * edit of fixtures/paper cannot change an old run's figures. Nothing joins them when drawing.
 */
export function readPaperValues(dir: string = paperDir()): PaperValues {
  return {
    turboVaed: readOne(resolve(dir, 'turbo-vaed.json'), turboVaedPaperSchema),
    psydraw: readOne(resolve(dir, 'psydraw.json'), psydrawPaperSchema),
  };
}
