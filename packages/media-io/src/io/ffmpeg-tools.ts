import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ERROR_CODES, EvalkitError, findExecutable } from '@evalkit/core';

/** The ffmpeg and ffprobe executables evalkit runs for video files. */
export interface FfmpegTools {
  ffmpeg: string;
  ffprobe: string;
}

/** The Debian (and Ubuntu) package that provides ffmpeg and ffprobe. */
export const FFMPEG_DEBIAN_PACKAGE = 'ffmpeg';

/** Where ffmpeg is looked for, in order: the explicit path (`--ffmpeg`), EVALKIT_FFMPEG, then PATH. */
export interface FfmpegLookup {
  ffmpeg?: string;
  env?: NodeJS.ProcessEnv;
}

function missing(what: string, value: string | undefined): EvalkitError {
  return new EvalkitError(
    ERROR_CODES.RUNTIME,
    `${what}: video files are read and written through ffmpeg and ffprobe; install the Debian package "${FFMPEG_DEBIAN_PACKAGE}" (apt-get install ${FFMPEG_DEBIAN_PACKAGE}) or point --ffmpeg / EVALKIT_FFMPEG at an ffmpeg binary`,
    { field: 'ffmpeg', value },
  );
}

/**
 * Finds ffmpeg (the explicit path, EVALKIT_FFMPEG, or PATH) and its ffprobe (beside it, else on
 * PATH). A missing one is an error naming the Debian package.
 */
export function findFfmpegTools(lookup: FfmpegLookup = {}): FfmpegTools {
  const env = lookup.env ?? process.env;
  const wanted = lookup.ffmpeg ?? (env.EVALKIT_FFMPEG || undefined);
  const ffmpeg = findExecutable(wanted ?? 'ffmpeg', env);
  if (!ffmpeg) throw missing(wanted === undefined ? 'ffmpeg is not on PATH' : `ffmpeg not found at ${wanted}`, wanted);
  const sibling = join(dirname(ffmpeg), 'ffprobe');
  const ffprobe = (ffmpeg.includes('/') && existsSync(sibling) ? findExecutable(sibling, env) : null) ?? findExecutable('ffprobe', env);
  if (!ffprobe) throw missing(`ffprobe is neither beside ${ffmpeg} nor on PATH`, ffmpeg);
  return { ffmpeg, ffprobe };
}

/** `ffmpeg -version`'s first line (for manifests), or null when it does not run. */
export function ffmpegVersion(tools: FfmpegTools): string | null {
  const run = spawnSync(tools.ffmpeg, ['-version'], { encoding: 'utf8', timeout: 20_000 });
  // "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers": the version, not the notice
  return run.status === 0 ? (run.stdout.split('\n')[0] ?? '').replace(/\s+Copyright.*$/, '').trim() : null;
}

/** The last lines of an ffmpeg/ffprobe stderr, for an error message. */
export function stderrTail(text: string, lines = 3): string {
  const kept = text
    .split('\n')
    // "[mov,mp4 @ 0x5561...]": a heap address differs on every run, and messages land in documents
    .map((l) => l.replace(/ @ 0x[0-9a-f]+\]/gi, ']').trim())
    .filter((l) => l !== '');
  return kept.slice(-lines).join(' | ') || '(no message)';
}
