import { EvalkitError, ERROR_CODES } from '@evalkit/core';
import { GraphBuilder, type Value, type WeightSource } from '@evalkit/onnx-graph';
import { buildTurboVaed, turboOutputFrames, TURBO_DC, TURBO_HUNYUAN, TURBO_LTX } from './models/turbo-vaed';
import { buildHunyuanVideo, hunyuanOutputFrames, HUNYUAN_VIDEO } from './models/hunyuan-video';
import { buildCogVideoX, cogOutputFrames, COGVIDEOX } from './models/cogvideox';
import { buildLtxVideo, ltxOutputFrames, LTX_VIDEO_090 } from './models/ltx-video';
import { buildWanVae, wanConfigOf, wanOutputFrames, WAN_21_SPEC } from './models/wan21-vae';
import { resolveConfig, type DiffusersConfig, type ModelConfigSpec } from './models/diffusers-config';
import { checkModelConfig } from './checkpoint/config-check';

/** CLI names of the zoo's decoders. */
export type ZooModelName = 'turbo-vaed-hunyuan' | 'turbo-vaed-cog' | 'turbo-vaed-ltx' | 'turbo-vaed-dc' | 'hunyuanvideo' | 'cogvideox' | 'ltx-video-0.9.0' | 'wan-2.1';

/** What the zoo knows about one decoder without building it. */
export interface ZooModelInfo {
  /** CLI name. */
  name: ZooModelName;
  /** Display label. */
  label: string;
  /** Turbo-VAED decoder, or an original decoder (a Turbo baseline, or one in no pair such as wan-2.1). */
  family: 'turbo' | 'baseline';
  /** For a Turbo decoder, the baseline it is compared with in the paper (may be outside the zoo, e.g. video-dc-ae). */
  baseline: string | null;
  /** Latent channels. */
  latentChannels: number;
  /** Compression (time, height, width). */
  compression: [number, number, number];
  /** The frame rule in words, e.g. "4T-3". */
  frameRule: string;
  /** Upsampler, norms, padding and attention in one line. */
  summary: string;
  /** Output frames for T latent frames. */
  outputFrames(latentFrames: number): number;
}

/** Options of buildZooModel. */
export interface ZooBuildOptions {
  /** Output height in pixels (a multiple of the spatial compression). */
  height: number;
  /** Output width in pixels (a multiple of the spatial compression). */
  width: number;
  /** Latent frames T. */
  latentFrames: number;
  /** Channel width multiplier (1 = the published decoder; smaller builds scaled-down test variants). Default 1. */
  widthMult?: number;
  /** Weight seed. Default 0. */
  seed?: number;
  /** Generate weights (default true); false only tracks shapes, for counting full-width models cheaply. */
  materializeWeights?: boolean;
  /** Batch size. Default 1. */
  batch?: number;
  /**
   * A diffusers config.json of a checkpoint: its width fields (channels, latent channels, norm groups)
   * are built as given, every other field the zoo knows must equal the published value (EvalkitError
   * naming the field and both values otherwise). Default: the published config.
   */
  config?: DiffusersConfig;
  /** Where the config came from, for error messages. */
  configSource?: string;
  /** Parameter values (a checkpoint) instead of seeded ones; see loadCheckpointWeights. */
  weights?: WeightSource;
  /** One graph for every size (`zoo build --dynamic-shape`): no layer picks its form by the size. Default false. */
  sizeIndependent?: boolean;
}

/** A built zoo decoder: the graph plus its sizes. */
export interface ZooBuild {
  /** The model's description. */
  info: ZooModelInfo;
  /** The graph builder (call graph.toBytes() or writeOnnxFile to serialise). */
  graph: GraphBuilder;
  /** Learnable parameters. */
  params: number;
  /** Multiply-accumulates (convolutions, linear layers and attention matmuls) at this size. */
  macs: number;
  /** MACs of attention score and value matmuls (included in macs; 0 for decoders without attention). */
  attentionMacs: number;
  /** Input tensor name ("latent"). */
  inputName: string;
  /** Output tensor name ("video"). */
  outputName: string;
  /** [B, latentChannels, T, H/sh, W/sw]. */
  inputShape: number[];
  /** [B, 3, frames, H, W]. */
  outputShape: number[];
  /** Options the graph was built with (defaults filled in). */
  options: Required<Omit<ZooBuildOptions, 'config' | 'configSource' | 'weights'>>;
  /** The diffusers config the graph was built from (published, scaled or a checkpoint's). */
  config: DiffusersConfig;
}

interface Entry {
  info: ZooModelInfo;
  spec: ModelConfigSpec;
  latentField: string;
  build(g: GraphBuilder, latent: Value, config: DiffusersConfig, widthMult: number): Value;
}

function turboEntry(name: ZooModelName, label: string, baseline: string, spec: ModelConfigSpec, compression: [number, number, number], frameRule: string): Entry {
  return {
    info: {
      name,
      label,
      family: 'turbo',
      baseline,
      latentChannels: spec.published.latent_channels as number,
      compression,
      frameRule,
      summary: `decoupled 3-D pixel-shuffle upsamplers; RMSNorm ResBlocks; depthwise-separable k5 convs in mid/up0; time edge-padded, space zero-padded; patch ${spec.published.patch_size as number}; no attention`,
      outputFrames: (t) => turboOutputFrames(spec.published, t),
    },
    spec,
    latentField: 'latent_channels',
    build: (g, latent, config) => buildTurboVaed(g, latent, config),
  };
}

/** An original decoder (a Turbo baseline, or one in no pair): its latent channels are the published config's. */
function baselineEntry(d: Pick<ZooModelInfo, 'name' | 'label' | 'compression' | 'frameRule' | 'summary' | 'outputFrames'> & Pick<Entry, 'spec' | 'build'> & { latentField?: string }): Entry {
  const latentField = d.latentField ?? 'latent_channels';
  const { spec, build, latentField: _field, ...info } = d;
  return { info: { ...info, family: 'baseline', baseline: null, latentChannels: spec.published[latentField] as number }, spec, latentField, build };
}

const ENTRIES: Record<ZooModelName, Entry> = {
  'turbo-vaed-hunyuan': turboEntry('turbo-vaed-hunyuan', 'Turbo-VAED-Hunyuan', 'hunyuanvideo', TURBO_HUNYUAN, [4, 8, 8], '4T-3'),
  'turbo-vaed-cog': turboEntry('turbo-vaed-cog', 'Turbo-VAED-Cog', 'cogvideox', TURBO_HUNYUAN, [4, 8, 8], '4T-3'),
  'turbo-vaed-ltx': turboEntry('turbo-vaed-ltx', 'Turbo-VAED-LTX', 'ltx-video-0.9.0', TURBO_LTX, [8, 32, 32], '8T-7'),
  'turbo-vaed-dc': turboEntry('turbo-vaed-dc', 'Turbo-VAED-DC', 'video-dc-ae', TURBO_DC, [4, 32, 32], '4T (no frames dropped)'),
  hunyuanvideo: baselineEntry({
    name: 'hunyuanvideo',
    label: 'HunyuanVideo',
    spec: HUNYUAN_VIDEO,
    compression: [4, 8, 8],
    frameRule: '4T-3',
    summary: 'nearest interpolate (frame 0 in space only) + causal conv upsamplers; GroupNorm(32) ResBlocks; causal replicate padding; single-head frame-causal mid attention',
    outputFrames: (t) => hunyuanOutputFrames(HUNYUAN_VIDEO.published, t),
    build: buildHunyuanVideo,
  }),
  cogvideox: baselineEntry({
    name: 'cogvideox',
    label: 'CogVideoX',
    spec: COGVIDEOX,
    compression: [4, 8, 8],
    frameRule: '4T-3 for odd T (4T for even T)',
    summary: 'nearest 2x interpolate + per-frame conv upsamplers; SpatialNorm3D (GroupNorm modulated by the latent); causal "first" time padding, zero space padding; no attention',
    outputFrames: (t) => cogOutputFrames(COGVIDEOX.published, t),
    build: buildCogVideoX,
  }),
  'ltx-video-0.9.0': baselineEntry({
    name: 'ltx-video-0.9.0',
    label: 'LTX-Video 0.9.0',
    spec: LTX_VIDEO_090,
    compression: [8, 32, 32],
    frameRule: '8T-7',
    summary: 'conv C->8C + rank-8 pixel-shuffle upsamplers; RMSNorm ResBlocks; non-causal edge time padding, zero space padding; patch-4 unpatchify; no attention',
    outputFrames: (t) => ltxOutputFrames(LTX_VIDEO_090.published, t),
    build: (g, latent, config) => buildLtxVideo(g, latent, config),
  }),
  'wan-2.1': baselineEntry({
    name: 'wan-2.1',
    label: 'Wan 2.1',
    spec: WAN_21_SPEC,
    latentField: 'z_dim',
    compression: [4, 8, 8],
    frameRule: '4T-3',
    summary:
      'causal time conv C->2C interleaved (frame 0 passed through) + per-frame nearest 2x + Conv2d C->C/2 upsamplers; RMS_norm (L2, learnable gamma) ResBlocks; causal zero padding, one pass instead of per-frame feature cache; single-head per-frame mid attention; not a paper target',
    outputFrames: (t) => wanOutputFrames(wanConfigOf(WAN_21_SPEC.published), t),
    build: (g, latent, config, w) => buildWanVae(g, latent, w, wanConfigOf(config)),
  }),
};

/** Baseline/Turbo pairs of the paper that are both in the zoo. */
export const ZOO_PAIRS: readonly { baseline: ZooModelName; turbo: ZooModelName }[] = [
  { baseline: 'hunyuanvideo', turbo: 'turbo-vaed-hunyuan' },
  { baseline: 'cogvideox', turbo: 'turbo-vaed-cog' },
  { baseline: 'ltx-video-0.9.0', turbo: 'turbo-vaed-ltx' },
];

/** Names of every zoo decoder, Turbo decoders first. */
export function listZooModels(): ZooModelName[] {
  return Object.keys(ENTRIES) as ZooModelName[];
}

/** True when `name` is a zoo decoder. */
export function isZooModelName(name: string): name is ZooModelName {
  return Object.prototype.hasOwnProperty.call(ENTRIES, name);
}

/** Description of one decoder; throws EvalkitError (EVK_INVALID_ARGUMENT) naming the known decoders for an unknown name. */
export function zooModelInfo(name: string): ZooModelInfo {
  if (!isZooModelName(name)) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown decoder; the zoo has ${listZooModels().join(', ')}`, { field: 'model', value: name });
  }
  return ENTRIES[name].info;
}

function checkPositiveInt(field: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'must be a positive integer', { field, value });
}

/** Builds a zoo decoder at a fixed size with seeded weights (or shapes only), returning the graph and its sizes. */
export function buildZooModel(name: string, options: ZooBuildOptions): ZooBuild {
  const info = zooModelInfo(name);
  const { config: given, configSource, weights, ...rest } = options;
  const opts: Required<Omit<ZooBuildOptions, 'config' | 'configSource' | 'weights'>> = { widthMult: 1, seed: 0, materializeWeights: true, batch: 1, sizeIndependent: false, ...rest };
  checkPositiveInt('height', opts.height);
  checkPositiveInt('width', opts.width);
  checkPositiveInt('latentFrames', opts.latentFrames);
  checkPositiveInt('batch', opts.batch);
  if (!(opts.widthMult > 0 && opts.widthMult <= 1)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'must be in (0, 1]', { field: 'widthMult', value: opts.widthMult });
  const [, sh, sw] = info.compression;
  if (opts.height % sh !== 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `${info.name} needs a height divisible by ${sh}`, { field: 'height', value: opts.height });
  if (opts.width % sw !== 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `${info.name} needs a width divisible by ${sw}`, { field: 'width', value: opts.width });
  const entry = ENTRIES[info.name];
  if (given) checkModelConfig(info.name, entry.spec, given, configSource ?? 'config');
  const config = resolveConfig(entry.spec, opts.widthMult, given);
  const g = new GraphBuilder({ name: info.name, seed: opts.seed, materializeWeights: opts.materializeWeights, sizeIndependent: opts.sizeIndependent, producerName: 'evalkit-decoder-zoo', weights });
  const inputShape = [opts.batch, config[entry.latentField] as number, opts.latentFrames, opts.height / sh, opts.width / sw];
  const latent = g.input('latent', inputShape);
  const video = g.output(entry.build(g, latent, config, opts.widthMult), 'video');
  const expected = [opts.batch, 3, info.outputFrames(opts.latentFrames), opts.height, opts.width];
  if (video.shape.join(',') !== expected.join(',')) {
    throw new EvalkitError(ERROR_CODES.RUNTIME, `internal: ${info.name} built output [${video.shape.join(',')}], expected [${expected.join(',')}]`);
  }
  const attentionMacs = g.nodes.filter((n) => n.opType === 'MatMul' && !g.initializers.some((i) => i.trainable && n.inputs.includes(i.name))).reduce((a, n) => a + n.macs, 0);
  return {
    info,
    graph: g,
    params: g.paramCount(),
    macs: g.totalMacs(),
    attentionMacs,
    inputName: 'latent',
    outputName: 'video',
    inputShape,
    outputShape: [...video.shape],
    options: opts,
    config,
  };
}
