import { Command } from 'commander';
import { ERROR_CODES, EvalkitError, writeFileAtomic, writeResultDocument } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import { buildZooModel, buildZooModelFromCheckpoint, checkpointNotes, exportWithSymbolicSizes, inspectCheckpoint, isZooModelName, latentFramesFor, listZooModels, openCheckpoint, SYMBOLIC_INPUT_DIMS, SYMBOLIC_OUTPUT_DIMS, zooModelInfo, zooSessionChoice, zooSizesDocument, type ZooBuild, type ZooBuildSize, type ZooSizeRow } from '@evalkit/decoder-zoo';
import { writeOnnxFile } from '@evalkit/onnx-graph';
import { cliManifest } from '../shared/context';
import { formatTable, printJson } from '../shared/output';
import { frameSide, latentFrameCount, nonNegativeInt, positiveNumber } from '../shared/parse';

function formatSizes(rows: ZooSizeRow[], latentFramesGiven: boolean): string {
  const m = (v: number) => (v / 1e6).toFixed(2);
  const table = formatTable(
    ['model', 'family', 'params M', 'paper M', 'GMAC', 'paper GMAC', 'latent ch', 'compression', 'latent T', 'frames'],
    rows.map((r) => [
      r.model,
      r.family,
      m(r.params),
      r.paperParamsM === null ? '–' : r.paperParamsM.toFixed(1),
      (r.macs / 1e9).toFixed(1),
      r.paperMacsT === null ? '–' : (r.paperMacsT * 1000).toFixed(0),
      r.latentChannels,
      r.compression.join('x'),
      r.latentFrames,
      r.outputFrames,
    ]),
  );
  const notes = [
    `at ${rows[0].height}x${rows[0].width}${latentFramesGiven ? '' : ', latent frames per model for 17 output frames'}; GMAC = conv + linear + attention multiply-accumulates`,
    'paper GMAC: conv + linear only, at 512x512 and 17 frames (20 for turbo-vaed-dc); hunyuanvideo adds attention on top',
  ];
  return `${table}\n\n${notes.join('\n')}`;
}

/** The session switches a zoo choice sets, in words (none: onnxruntime's defaults). */
function sessionSwitches(choice: ReturnType<typeof zooSessionChoice>): string {
  const set = ([['spinning', choice.allowSpinning], ['memory arena', choice.cpuMemArena], ['memory pattern', choice.memPattern]] as const).filter(([, v]) => v !== null);
  return set.map(([name, v]) => `, ${name} ${v ? 'on' : 'off'}`).join('');
}

/** Registers `evalkit zoo list` and `evalkit zoo build`. */
export function registerZoo(program: Command): void {
  const zoo = program.command('zoo').description('the paper\'s video VAE decoders as ONNX graphs with seeded weights: sizes and .onnx export');

  zoo
    .command('list')
    .description('name, parameters, MACs at a size, latent channels, compression and output frames of every decoder')
    .option('--height <pixels>', 'output height', frameSide, 512)
    .option('--width <pixels>', 'output width', frameSide, 512)
    .option('--latent-frames <T>', 'latent frames (default: per model, the count giving 17 output frames)', latentFrameCount)
    .option('--json', 'print a zoo-sizes result document (with run manifest) as JSON')
    .option('--out <file>', 'also write the zoo-sizes result document to this file (atomically)')
    .addHelpText(
      'after',
      `
Examples:
  evalkit zoo list                                   sizes at 512x512, 17 frames, beside the paper's
  evalkit zoo list --height 720 --width 1280 --latent-frames 5
  evalkit zoo list --json > zoo-sizes.json`,
    )
    .action((opts: { height: number; width: number; latentFrames?: number; json?: boolean; out?: string }) => {
      const startedAt = new Date();
      const size = { height: opts.height, width: opts.width, latentFrames: opts.latentFrames };
      for (const name of listZooModels()) {
        const [, sh, sw] = zooModelInfo(name).compression;
        if (opts.height % sh !== 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `${name} needs a multiple of ${sh}`, { field: '--height', value: opts.height });
        if (opts.width % sw !== 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `${name} needs a multiple of ${sw}`, { field: '--width', value: opts.width });
      }
      const doc = zooSizesDocument(size, (config) => cliManifest('zoo list', { config, startedAt }));
      if (opts.out) writeResultDocument(opts.out, doc);
      if (opts.json) printJson(doc);
      else process.stdout.write(`${formatSizes(doc.results, opts.latentFrames !== undefined)}${opts.out ? `\nwrote ${opts.out}` : ''}\n`);
    });

  zoo
    .command('build')
    .description('write one decoder as an .onnx file with seeded PyTorch-default weights (or a checkpoint\'s), fixed to a size or with symbolic latent sizes')
    .argument('<name>', `decoder: ${listZooModels().join(', ')}`)
    .requiredOption('--out <file>', 'the .onnx file to write (atomically)')
    .option('--height <pixels>', 'output height', frameSide, 256)
    .option('--width <pixels>', 'output width', frameSide, 256)
    .option('--latent-frames <T>', 'latent frames (default: the count giving 17 output frames)', latentFrameCount)
    .option('--width-mult <m>', 'channel width multiplier in (0, 1] for scaled-down variants', positiveNumber, 1)
    .option('--seed <n>', 'weight seed', nonNegativeInt, 0)
    .option('--weights <file>', 'a safetensors checkpoint (FILE.safetensors or *.safetensors.index.json) instead of seeded weights')
    .option('--config <file>', 'with --weights: the diffusers config.json (default: config.json beside the weights)')
    .option('--fp16', 'store the weights as float16 (half the file; the graph widens them and computes in float32)')
    .option('--dynamic-shape', 'latent frames, height and width symbolic: one file decodes any latent size (sizes are computed from the input at run time)')
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      `
Examples:
  evalkit zoo build turbo-vaed-hunyuan --out turbo-h.onnx --height 256 --width 256
  evalkit zoo build turbo-vaed-hunyuan --weights Turbo-VAED-Hunyuan/diffusion_pytorch_model.safetensors \\
      --out turbo-h-real.onnx --height 512 --width 512 --fp16
  evalkit zoo build ltx-video-0.9.0 --out ltx.onnx --height 512 --width 512 --latent-frames 3 --seed 7
  evalkit zoo build hunyuanvideo --out tiny.onnx --height 64 --width 64 --width-mult 0.0625
  evalkit zoo build turbo-vaed-hunyuan --weights Turbo-VAED-Hunyuan.safetensors --out turbo-any-size.onnx --dynamic-shape
Full-width models hold their weights in the file (HunyuanVideo: about 585 MB). With --dynamic-shape the
graph is built at --height/--width/--latent-frames and its sizes are made symbolic (input latent
[1, C, latent_frames, latent_height, latent_width], output [1, 3, frames, height, width]); HunyuanVideo and
Wan 2.1 need at least 2 latent frames then, and CogVideoX is refused (its graph changes with the size).`,
    )
    .action((name: string, opts: { out: string; height: number; width: number; latentFrames?: number; widthMult: number; seed: number; weights?: string; config?: string; fp16?: boolean; dynamicShape?: boolean; json?: boolean }) => {
      const info = zooModelInfo(name);
      const latentFrames = opts.latentFrames ?? latentFramesFor(info.name, 17);
      if (opts.weights !== undefined && opts.widthMult !== 1) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a checkpoint sets its own widths; drop --width-mult', { field: '--width-mult', value: opts.widthMult });
      const progress = createProgressReporter({ silent: opts.json === true && !process.stderr.isTTY });
      const task = progress.start(`zoo build ${name}`, 2);
      let build: ZooBuild;
      let shapesAt: (size: ZooBuildSize) => ZooBuild;
      // A --dynamic-shape graph must be one graph for every size: no layer may pick its form by the size.
      const sizeIndependent = opts.dynamicShape === true;
      if (opts.weights !== undefined) {
        const loaded = buildZooModelFromCheckpoint(name, opts.weights, { height: opts.height, width: opts.width, latentFrames, configPath: opts.config, sizeIndependent });
        for (const note of loaded.notes) process.stderr.write(`note: ${note}\n`);
        build = loaded.build;
        const checkpoint = opts.dynamicShape ? openCheckpoint(opts.weights, opts.config) : null;
        shapesAt = (size) => inspectCheckpoint(name, checkpoint!, { ...size, sizeIndependent }).build;
      } else {
        build = buildZooModel(name, { height: opts.height, width: opts.width, latentFrames, widthMult: opts.widthMult, seed: opts.seed, sizeIndependent });
        shapesAt = (size) => buildZooModel(name, { ...size, widthMult: opts.widthMult, seed: opts.seed, materializeWeights: false, sizeIndependent });
      }
      task.tick(1, 'serialising');
      let bytes: number;
      let minLatentFrames: number | null = null;
      if (opts.dynamicShape) {
        const exported = exportWithSymbolicSizes(build, shapesAt, { float16Weights: opts.fp16 === true });
        writeFileAtomic(opts.out, exported.bytes);
        bytes = exported.bytes.byteLength;
        minLatentFrames = exported.minLatentFrames;
      } else bytes = writeOnnxFile(opts.out, build.graph, { float16Weights: opts.fp16 === true });
      task.done(`wrote ${opts.out}`);
      const symbolic = (shape: readonly number[], names: Readonly<Record<number, string>>) => shape.map((d, i) => (opts.dynamicShape && names[i] !== undefined ? names[i] : d));
      const inputShape = symbolic(build.inputShape, SYMBOLIC_INPUT_DIMS);
      const outputShape = symbolic(build.outputShape, SYMBOLIC_OUTPUT_DIMS);
      progress.stop();
      const summary = {
        model: info.name,
        file: opts.out,
        bytes,
        params: build.params,
        macs: build.macs,
        input: { name: build.inputName, shape: inputShape },
        output: { name: build.outputName, shape: outputShape },
        dynamicShape: opts.dynamicShape === true,
        ...(minLatentFrames !== null ? { minLatentFrames } : {}),
        height: opts.height,
        width: opts.width,
        latentFrames,
        widthMult: opts.widthMult,
        seed: opts.weights !== undefined ? null : opts.seed,
        weights: opts.weights ?? null,
        fp16Weights: opts.fp16 === true,
        opset: build.graph.opset,
        // The onnxruntime session options evalkit runs this decoder with (measured per model); users of the file may want the same.
        session: zooSessionChoice(info.name),
      };
      if (opts.json) printJson(summary);
      else {
        process.stdout.write(
          `wrote ${opts.out} (${(bytes / 2 ** 20).toFixed(1)} MiB): ${info.label}, ${(build.params / 1e6).toFixed(2)} M params, ` +
            `${(build.macs / 1e9).toFixed(1)} GMAC${opts.dynamicShape ? ` at ${opts.height}x${opts.width}, T=${latentFrames}` : ''}\n  input  ${build.inputName} [${inputShape.join(', ')}]\n  output ${build.outputName} [${outputShape.join(', ')}]\n` +
              (minLatentFrames !== null ? `  any latent size${minLatentFrames > 1 ? ` with at least ${minLatentFrames} latent frames` : ''}\n` : '') +
              `  evalkit runs it with graph optimisation ${summary.session.graphOptimizationLevel}${sessionSwitches(summary.session)} (${summary.session.evidence})\n`,
        );
      }
    });

  zoo
    .command('inspect')
    .description('list what a safetensors checkpoint holds and, with --model, how it maps onto a zoo decoder')
    .argument('<file>', 'FILE.safetensors or *.safetensors.index.json')
    .option('--model <name>', `zoo decoder to match against: ${listZooModels().join(', ')}`)
    .option('--config <file>', 'the diffusers config.json (default: config.json beside the weights)')
    .option('--json', 'print the listing as JSON')
    .action((file: string, opts: { model?: string; config?: string; json?: boolean }) => {
      const checkpoint = openCheckpoint(file, opts.config);
      const tensors = [...checkpoint.tensors].map(([key, t]) => ({ key, dtype: t.dtype, shape: t.shape, file: t.file }));
      const byDtype: Record<string, number> = {};
      let params = 0;
      for (const t of tensors) {
        const n = t.shape.reduce((a, d) => a * d, 1);
        params += n;
        byDtype[t.dtype] = (byDtype[t.dtype] ?? 0) + n;
      }
      let mapping = null;
      if (opts.model !== undefined) {
        if (!isZooModelName(opts.model)) zooModelInfo(opts.model);
        const [, sh, sw] = zooModelInfo(opts.model).compression;
        const { match, build } = inspectCheckpoint(opts.model, checkpoint, { latentFrames: 1, height: sh, width: sw });
        mapping = { model: opts.model, fits: match.missing.length + match.unexpected.length + match.mismatched.length === 0, zooParams: build.params, ...match, notes: checkpointNotes(match) };
      }
      const summary = { file: checkpoint.path, shards: checkpoint.files, config: checkpoint.configPath, tensors: tensors.length, params, paramsByDtype: byDtype, mapping, listing: tensors };
      if (opts.json) {
        printJson(summary);
        return;
      }
      const lines = [`${checkpoint.path}: ${tensors.length} tensors, ${(params / 1e6).toFixed(2)} M values (${Object.entries(byDtype).map(([d, n]) => `${d} ${(n / 1e6).toFixed(2)} M`).join(', ')})${checkpoint.files.length > 1 ? ` in ${checkpoint.files.length} shards` : ''}`];
      lines.push(`config: ${checkpoint.configPath ?? 'none beside the weights (the published config is assumed)'}`);
      const groups = new Map<string, number>();
      for (const t of tensors) {
        const prefix = t.key.split('.').slice(0, t.key.startsWith('decoder.') ? 2 : 1).join('.');
        groups.set(prefix, (groups.get(prefix) ?? 0) + 1);
      }
      for (const [prefix, n] of groups) lines.push(`  ${prefix}.*  ${n} tensors`);
      if (mapping) {
        lines.push(`zoo:${mapping.model}: ${mapping.fits ? `fits (${mapping.used.length} tensors loaded, ${(mapping.zooParams / 1e6).toFixed(2)} M params)` : 'does NOT fit'}`);
        for (const note of mapping.notes) lines.push(`  ${note}`);
        if (mapping.missing.length) lines.push(`  missing (${mapping.missing.length}): ${mapping.missing.join(', ')}`);
        if (mapping.unexpected.length) lines.push(`  unexpected (${mapping.unexpected.length}): ${mapping.unexpected.join(', ')}`);
        for (const m of mapping.mismatched) lines.push(`  size mismatch for ${m.key}: expects [${m.expected.join(', ')}], the file has [${m.file.join(', ')}]`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      if (mapping && !mapping.fits) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `does not fit zoo:${mapping.model} (see the listing above)`, { file: checkpoint.path });
    });
}
