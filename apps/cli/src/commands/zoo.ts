import { Command } from 'commander';
import { ERROR_CODES, EvalkitError, writeResultDocument } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import { buildZooModel, latentFramesFor, listZooModels, zooModelInfo, zooSizesDocument, type ZooSizeRow } from '@evalkit/decoder-zoo';
import { writeOnnxFile } from '@evalkit/onnx-graph';
import { cliManifest } from '../shared/context';
import { formatTable, printJson } from '../shared/output';
import { nonNegativeInt, positiveInt, positiveNumber } from '../shared/parse';

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

/** Registers `evalkit zoo list` and `evalkit zoo build`. */
export function registerZoo(program: Command): void {
  const zoo = program.command('zoo').description('the paper\'s video VAE decoders as ONNX graphs with seeded weights: sizes and .onnx export');

  zoo
    .command('list')
    .description('name, parameters, MACs at a size, latent channels, compression and output frames of every decoder')
    .option('--height <pixels>', 'output height', positiveInt, 512)
    .option('--width <pixels>', 'output width', positiveInt, 512)
    .option('--latent-frames <T>', 'latent frames (default: per model, the count giving 17 output frames)', positiveInt)
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
    .description('write one decoder as an .onnx file with seeded PyTorch-default weights, fixed to a size')
    .argument('<name>', `decoder: ${listZooModels().join(', ')}`)
    .requiredOption('--out <file>', 'the .onnx file to write (atomically)')
    .option('--height <pixels>', 'output height', positiveInt, 256)
    .option('--width <pixels>', 'output width', positiveInt, 256)
    .option('--latent-frames <T>', 'latent frames (default: the count giving 17 output frames)', positiveInt)
    .option('--width-mult <m>', 'channel width multiplier in (0, 1] for scaled-down variants', positiveNumber, 1)
    .option('--seed <n>', 'weight seed', nonNegativeInt, 0)
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      `
Examples:
  evalkit zoo build turbo-vaed-hunyuan --out turbo-h.onnx --height 256 --width 256
  evalkit zoo build ltx-video-0.9.0 --out ltx.onnx --height 512 --width 512 --latent-frames 3 --seed 7
  evalkit zoo build hunyuanvideo --out tiny.onnx --height 64 --width 64 --width-mult 0.0625
Full-width models hold their weights in the file (HunyuanVideo: about 585 MB).`,
    )
    .action((name: string, opts: { out: string; height: number; width: number; latentFrames?: number; widthMult: number; seed: number; json?: boolean }) => {
      const info = zooModelInfo(name);
      const latentFrames = opts.latentFrames ?? latentFramesFor(info.name, 17);
      const progress = createProgressReporter({ silent: opts.json === true && !process.stderr.isTTY });
      const task = progress.start(`zoo build ${name}`, 2);
      const build = buildZooModel(name, { height: opts.height, width: opts.width, latentFrames, widthMult: opts.widthMult, seed: opts.seed });
      task.tick(1, 'serialising');
      const bytes = writeOnnxFile(opts.out, build.graph);
      task.done(`wrote ${opts.out}`);
      progress.stop();
      const summary = {
        model: info.name,
        file: opts.out,
        bytes,
        params: build.params,
        macs: build.macs,
        input: { name: build.inputName, shape: build.inputShape },
        output: { name: build.outputName, shape: build.outputShape },
        height: opts.height,
        width: opts.width,
        latentFrames,
        widthMult: opts.widthMult,
        seed: opts.seed,
        opset: build.graph.opset,
      };
      if (opts.json) printJson(summary);
      else {
        process.stdout.write(
          `wrote ${opts.out} (${(bytes / 2 ** 20).toFixed(1)} MiB): ${info.label}, ${(build.params / 1e6).toFixed(2)} M params, ` +
            `${(build.macs / 1e9).toFixed(1)} GMAC\n  input  ${build.inputName} [${build.inputShape.join(', ')}]\n  output ${build.outputName} [${build.outputShape.join(', ')}]\n`,
        );
      }
    });
}
