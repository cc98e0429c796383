import { Command, InvalidArgumentError } from 'commander';
import { basename, join } from 'node:path';
import { createResultDocument, ERROR_CODES, EvalkitError, stageOutputFolder, writeResultDocument } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import {
  GRAPH_OPTIMIZATION_LEVELS,
  countNonFiniteLatents,
  decodeVideo,
  parseFrameRule,
  randomLatents,
  readLatents,
  readOpTypeProfile,
  resolveDecoderModel,
  videoToFrames8,
  type GraphOptimizationLevel,
  type OpTypeTime,
  type Latent,
  type TileOptions,
} from '@evalkit/decoder-runtime';
import { findFfmpegTools, videoEncoding, writeNpyFile, writePngFrames, writeVideoFile, writeY4mFile, type VideoEncoding } from '@evalkit/media-io';
import { cliManifest } from '../shared/context';
import { formatTable, jsonText } from '../shared/output';
import { clampThreads, compressionList, frameSide, latentFrameCount, nonNegativeInt, positiveInt, positiveNumber, sizeHxW } from '../shared/parse';

/** The op types that took most of onnxruntime's kernel time, one line each (the rest summed). */
function formatOpTypes(types: OpTypeTime[] | null): string {
  if (!types || types.length === 0) return '';
  const top = types.slice(0, 8);
  const rest = types.slice(8);
  const line = (name: string, ms: number, share: number, calls: number) => `  ${name.padEnd(24)} ${ms.toFixed(2).padStart(10)} ms  ${(100 * share).toFixed(1).padStart(5)}%  ${calls} kernel runs`;
  return [
    'kernel time by op type:',
    ...top.map((t) => line(t.opType, t.totalMs, t.share, t.calls)),
    ...(rest.length ? [line(`${rest.length} other types`, rest.reduce((s, t) => s + t.totalMs, 0), rest.reduce((s, t) => s + t.share, 0), rest.reduce((s, t) => s + t.calls, 0))] : []),
    '',
  ].join('\n');
}

/** Options of `evalkit decode` as commander parses them. */
interface DecodeOptions {
  model: string;
  latents: string;
  out: string;
  format: 'png' | 'y4m' | 'npy' | 'mp4';
  crf?: number;
  ffmpeg?: string;
  weights?: string;
  config?: string;
  chroma: '444' | '420';
  fps: string;
  force?: boolean;
  height: number;
  width: number;
  latentFrames: number;
  latentChannels?: number;
  seed: number;
  tileFrames?: number;
  tileSize?: { height: number; width: number };
  overlap?: number;
  overlapFrames?: number;
  memoryBudget?: number;
  ep: string;
  threads?: number;
  optLevel?: GraphOptimizationLevel;
  profile?: string;
  widthMult: number;
  compression?: [number, number, number];
  frameRule?: string;
  allowNonfinite?: boolean;
  json?: boolean;
}

function choice<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!allowed.includes(value as T)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got "${value}"`);
    return value as T;
  };
}

/** commander parser for a Y4M frame rate: positive integers "num:den" (or "num" for num:1). */
export function y4mFps(value: string): string {
  const m = /^(\d{1,9})(?::(\d{1,9}))?$/.exec(value.trim());
  if (!m || Number(m[1]) === 0 || (m[2] !== undefined && Number(m[2]) === 0)) throw new InvalidArgumentError(`expected a frame rate as positive integers NUM:DEN such as 24:1 or 30000:1001, got "${value}"`);
  return `${Number(m[1])}:${m[2] === undefined ? 1 : Number(m[2])}`;
}

/** The files `evalkit decode` writes into its --out folder (a rerun replaces exactly these). */
export function decodeOwns(name: string): boolean {
  return /^frame_\d{4,}\.png$/.test(name) || name === 'video.y4m' || name === 'video.npy' || name === 'video.mp4' || name === 'decode.json';
}

/** Tile options in latent units from the pixel-unit flags; errors name the flag and value. */
export function tileOptionsFromFlags(opts: Pick<DecodeOptions, 'tileFrames' | 'tileSize' | 'overlap' | 'overlapFrames'>, compression: readonly number[]): TileOptions | undefined {
  const [, sh, sw] = compression;
  if (opts.tileFrames === undefined && opts.tileSize === undefined && opts.overlap === undefined && opts.overlapFrames === undefined) return undefined;
  const tiles: TileOptions = {};
  if (opts.tileFrames !== undefined) tiles.frames = opts.tileFrames;
  if (opts.tileSize) {
    if (opts.tileSize.height % sh !== 0 || opts.tileSize.width % sw !== 0) {
      throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `tile size must be a multiple of the decoder's spatial compression ${sh}x${sw} (pixels)`, { field: '--tile-size', value: `${opts.tileSize.height}x${opts.tileSize.width}` });
    }
    tiles.height = opts.tileSize.height / sh;
    tiles.width = opts.tileSize.width / sw;
  }
  if (opts.overlap !== undefined) {
    if (opts.overlap % sh !== 0 || opts.overlap % sw !== 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `overlap must be a multiple of the spatial compression ${sh}x${sw} (pixels)`, { field: '--overlap', value: opts.overlap });
    tiles.overlapHeight = opts.overlap / sh;
    tiles.overlapWidth = opts.overlap / sw;
  }
  if (opts.overlapFrames !== undefined) tiles.overlapFrames = opts.overlapFrames;
  return tiles;
}

/** Registers `evalkit decode`. */
export function registerDecode(program: Command): void {
  program
    .command('decode')
    .description('decode latents to video with onnxruntime-node: an ONNX file, a zoo decoder or the embedded codec; whole or tiled')
    .option('--model <spec>', 'codec (embedded block-PCA decoder), zoo:NAME (seeded weights) or FILE.onnx', 'codec')
    .option('--latents <spec>', 'FILE.npy | FILE.npz[:KEY] | FILE.safetensors[:KEY] | random', 'random')
    .requiredOption('--out <dir>', 'output folder (frames, or video.y4m, plus decode.json)')
    .option('--format <fmt>', 'png (frame_0000.png, ...), y4m, npy (video.npy: the raw float32 [1, 3, F, H, W] output before quantisation), or mp4 (video.mp4 through ffmpeg: lossless, or --crf)', choice(['png', 'y4m', 'npy', 'mp4'] as const), 'png')
    .option('--crf <n>', 'mp4: H.264 quality 0-51 (lower is better), 4:2:0 BT.601, opens in any player; default lossless RGB H.264 (exact frames; ffmpeg, VLC, mpv)', nonNegativeInt)
    .option('--ffmpeg <path>', 'mp4: the ffmpeg executable (default EVALKIT_FFMPEG, then ffmpeg on PATH; Debian package ffmpeg)')
    .option('--weights <file>', 'zoo decoders: a safetensors checkpoint (FILE.safetensors or *.safetensors.index.json) instead of seeded weights')
    .option('--config <file>', 'zoo decoders with --weights: the diffusers config.json (default: config.json beside the weights)')
    .option('--chroma <layout>', 'Y4M chroma: 444 (no subsampling) or 420; BT.601 full range, tagged XCOLORRANGE=FULL', choice(['444', '420'] as const), '444')
    .option('--fps <num:den>', 'Y4M and MP4 frame rate', y4mFps, '24:1')
    .option('--force', 'write into an --out folder that holds other files too (only decode\'s own files are replaced)')
    .option('--height <px>', 'random latents: output height in pixels', frameSide, 256)
    .option('--width <px>', 'random latents: output width in pixels', frameSide, 256)
    .option('--latent-frames <n>', 'random latents: latent frames T', latentFrameCount, 5)
    .option('--latent-channels <n>', 'random latents for an ONNX file: channels (default 16)', positiveInt)
    .option('--seed <n>', 'seed of random latents and zoo weights', nonNegativeInt, 0)
    .option('--tile-frames <n>', 'latent frames per temporal tile', positiveInt)
    .option('--tile-size <HxW>', 'spatial tile size in output pixels (multiple of the compression)', sizeHxW)
    .option('--overlap <px>', 'spatial overlap of neighbouring tiles in output pixels (default a quarter tile)', nonNegativeInt)
    .option('--overlap-frames <n>', 'latent frames shared by neighbouring temporal tiles (default 2 for 4T-3 decoders)', nonNegativeInt)
    .option('--memory-budget <MB>', 'derive tile sizes so the estimated peak memory stays under this many MB', positiveNumber)
    .option('--ep <name>', 'onnxruntime execution provider (cpu, webgpu, cuda, coreml, ...)', 'cpu')
    .option('--threads <n>', 'onnxruntime intra-op threads', positiveInt)
    .option('--opt-level <level>', `graph optimisation level: ${GRAPH_OPTIMIZATION_LEVELS.join(' | ')} (default: a zoo decoder's measured choice, printed by \`evalkit zoo build --json\`; all otherwise)`, choice(GRAPH_OPTIMIZATION_LEVELS))
    .option('--profile <file>', 'write onnxruntime\'s Chrome-trace profile (chrome://tracing, Perfetto) here')
    .option('--width-mult <x>', 'zoo decoders: channel width multiplier in (0, 1]', positiveNumber, 1)
    .option('--compression <t,h,w>', 'ONNX files: compression of the decoder (default 4,8,8)', compressionList)
    .option('--frame-rule <rule>', 'ONNX files: 4T-3 (causal, first latent frame -> 1 frame) or 4T', undefined)
    .option('--allow-nonfinite', 'decode latents holding NaN/Infinity anyway (counted in config.nonFiniteLatents) instead of refusing them')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
Latents are [1, C, T, h, w] float16/32/64 in .npy (C or Fortran order), .npz or safetensors; "random"
draws seeded N(0,1) latents of --latent-frames x (--height/8) x (--width/8) (or the model's compression).
Frames: [-1, 1] -> round((x + 1) * 127.5), clamped to 0..255.

Examples:
  evalkit decode --latents random --out out/codec                     embedded codec, 17x256x256 PNGs
  evalkit decode --latents clip.npy --out out/clip --format y4m       latents from \`evalkit encode\`
  evalkit decode --latents clip.npy --out out/clip --format mp4 --crf 18   an MP4 any player opens
  evalkit decode --model zoo:turbo-vaed-hunyuan --width-mult 0.25 --height 720 --width 1280 \\
      --latent-frames 3 --memory-budget 2000 --out out/720p            tiles chosen to fit 2000 MB
  evalkit decode --model vae_decoder.onnx --latents z.safetensors:latents --tile-frames 3 \\
      --tile-size 256x256 --overlap 64 --threads 2 --profile trace.json --out out/mine`,
    )
    .action(async (opts: DecodeOptions) => {
      const startedAt = new Date();
      if (opts.threads !== undefined) opts.threads = clampThreads(opts.threads);
      // Checked before any work: a folder of someone else's files is refused, a previous decode is replaced whole.
      const folder = stageOutputFolder(opts.out, { owns: decodeOwns, force: opts.force });
      try {
        const text = await decodeInto(opts, folder.staging, startedAt);
        folder.commit();
        process.stdout.write(text);
      } finally {
        folder.discard();
      }
    });
}

/** Runs the decode and writes the video and decode.json into `dir` (the staging folder of --out); returns what to print. */
async function decodeInto(opts: DecodeOptions, dir: string, startedAt: Date): Promise<string> {
  const compression = opts.compression ?? [4, 8, 8];
  if (opts.crf !== undefined && opts.format !== 'mp4') throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, '--crf applies to --format mp4', { field: '--crf', value: opts.crf });
  // a missing ffmpeg or a bad CRF is reported before the decode, not after it
  if (opts.format === 'mp4') {
    findFfmpegTools({ ffmpeg: opts.ffmpeg });
    videoEncoding(2, 2, { crf: opts.crf, fps: opts.fps.replace(':', '/') });
  }
  if ((opts.weights !== undefined || opts.config !== undefined) && !opts.model.startsWith('zoo:')) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, '--weights and --config apply to zoo decoders (--model zoo:NAME)', { field: '--weights', value: opts.weights ?? opts.config });
  }
  const model = resolveDecoderModel(opts.model, {
    widthMult: opts.widthMult,
    seed: opts.seed,
    weights: opts.weights,
    config: opts.config,
    onNote: (note) => process.stderr.write(`note: ${note}\n`),
    geometry: opts.frameRule !== undefined || opts.compression !== undefined ? parseFrameRule(opts.frameRule ?? `${compression[0]}T-${compression[0] - 1}`, compression) : undefined,
  });
  const [, sh, sw] = model.geometry.compression;
  let latent: Latent;
  if (opts.latents === 'random') {
    if (opts.height % sh !== 0 || opts.width % sw !== 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `height and width must be multiples of the decoder's spatial compression ${sh}x${sw}`, { field: '--height/--width', value: `${opts.height}x${opts.width}` });
    latent = randomLatents([1, model.latentChannels ?? opts.latentChannels ?? 16, opts.latentFrames, opts.height / sh, opts.width / sw], opts.seed);
  } else latent = readLatents(opts.latents);
  const nonFiniteLatents = countNonFiniteLatents(latent, opts.latents, opts.allowNonfinite === true);
  const tiles = tileOptionsFromFlags(opts, model.geometry.compression);
  const progress = createProgressReporter({ silent: opts.json === true && !process.stderr.isTTY });
  const task = progress.start('decode', 1);
  let tileTask = task;
  let decoded;
  try {
    decoded = await decodeVideo(model, latent, {
      tiles,
      memoryBudgetBytes: opts.memoryBudget !== undefined ? opts.memoryBudget * 2 ** 20 : undefined,
      executionProvider: opts.ep,
      threads: opts.threads,
      graphOptimizationLevel: opts.optLevel,
      profilePath: opts.profile,
      latentSource: opts.latents,
      onTile: (i, n) => {
        if (i === 1 && n > 1) tileTask = progress.start('tiles', n);
        tileTask.tick(1);
        if (i === n && n > 1) tileTask.done(`${n} tiles`);
      },
    });
    task.done();
  } finally {
    progress.stop();
  }
  const frames = videoToFrames8(decoded.video);
  let staged: string[];
  let encoding: VideoEncoding | null = null;
  if (opts.format === 'mp4') {
    staged = [join(dir, 'video.mp4')];
    encoding = await writeVideoFile(staged[0], frames, { crf: opts.crf, fps: opts.fps.replace(':', '/'), ffmpeg: opts.ffmpeg });
  } else if (opts.format === 'npy') {
    staged = [join(dir, 'video.npy')];
    writeNpyFile(staged[0], decoded.video);
  } else {
    staged = opts.format === 'png' ? await writePngFrames(dir, frames) : [join(dir, 'video.y4m')];
    if (opts.format === 'y4m') writeY4mFile(staged[0], frames, { chroma: opts.chroma, fps: opts.fps });
  }
  // Recorded where they will be once the folder is in place.
  const written = staged.map((p) => join(opts.out, basename(p)));
  const counts = model.counts(latent.shape.slice(2));
  const config = {
    model: model.source,
    latents: opts.latents,
    latentShape: latent.shape,
    format: opts.format,
    chroma: opts.format === 'y4m' ? opts.chroma : null,
    ...(encoding ? { video: { codec: encoding.codec, pixelFormat: encoding.pixelFormat, crf: encoding.crf, lossless: encoding.lossless, fps: encoding.fps } } : {}),
    tiles: decoded.plan ? { frames: decoded.plan.frames, height: decoded.plan.height, width: decoded.plan.width, count: decoded.plan.count } : null,
    memoryBudgetMB: opts.memoryBudget ?? null,
    ep: opts.ep,
    threads: opts.threads ?? null,
    optLevel: decoded.session.graphOptimizationLevel,
    session: decoded.session,
    widthMult: model.kind === 'zoo' ? opts.widthMult : null,
    weights: opts.weights ?? null,
    compression: model.geometry.compression,
    frameRule: model.geometry.frameRule,
    ...(opts.allowNonfinite === true ? { allowNonfinite: true, nonFiniteLatents } : {}),
  };
  const result = {
    outputShape: decoded.video.shape,
    frames: frames.frames.length,
    height: frames.height,
    width: frames.width,
    files: written,
    tiles: decoded.plan?.count ?? 1,
    estimatedPeakBytes: decoded.estimatedBytes,
    params: counts?.params ?? null,
    macs: counts?.macs ?? null,
    profile: opts.profile ?? null,
    profileEvents: decoded.profileEvents,
    // where onnxruntime's kernel time went, by operator type (largest first)
    profileOpTypes: opts.profile && decoded.profileEvents !== null ? readOpTypeProfile(opts.profile) : null,
  };
  const doc = createResultDocument('decode', cliManifest('decode', { config, seed: opts.seed, startedAt, executionProvider: opts.ep }), [result], { config });
  writeResultDocument(join(dir, 'decode.json'), doc);
  if (opts.json) return `${jsonText(doc)}\n`;
  return (
    `${formatTable(
      ['model', 'latents', 'output', 'tiles', 'written'],
      [[model.source, latent.shape.join('x'), decoded.video.shape.slice(2).join('x'), decoded.plan?.count ?? 1, opts.format === 'png' ? `${written.length} PNG in ${opts.out}` : written[0]]],
    )}\n${opts.profile ? `profile: ${opts.profile} (${decoded.profileEvents} events)\n${formatOpTypes(result.profileOpTypes)}` : ''}`
  );
}
