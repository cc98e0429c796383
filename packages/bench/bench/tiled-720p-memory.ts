// Benchmark: tiled 1280x720 decoding of a Turbo-VAED graph stays within a memory budget that an
// untiled decode exceeds. Each decode runs in its own child process; peak RSS is that process's
// maxRSS. Tiles come from the runtime's memory model (tilesForBudget).
// Run: flock /tmp/evalkit-bench.lock npx tsx packages/bench/bench/tiled-720p-memory.ts [budgetMB] [latentFrames] [widthMult]
import { resolveDecoderModel, tilesForBudget, estimateDecodeBytes } from '@evalkit/decoder-runtime';
import { runZooDecodeJobInChild } from '../src/jobs/run-job-in-child';

const MB = 2 ** 20;

async function main(): Promise<void> {
  const budgetMB = Number(process.argv[2] ?? 2048);
  const latentFrames = Number(process.argv[3] ?? 5);
  const widthMult = Number(process.argv[4] ?? 0.25);
  const [height, width] = [720, 1280];
  const model = resolveDecoderModel('zoo:turbo-vaed-hunyuan', { widthMult });
  const thw = [latentFrames, height / 8, width / 8];
  const memory = model.memory(thw);
  const wholeEstimate = estimateDecodeBytes(thw, thw, model.geometry, memory);
  const tiles = tilesForBudget(thw, model.geometry, budgetMB * MB, memory);
  process.stdout.write(
    `Turbo-VAED-Hunyuan (width x${widthMult}) ${latentFrames} latent frames -> ${4 * latentFrames - 3}x${height}x${width}; budget ${budgetMB} MB\n` +
      `memory model: fixed ${(memory.fixedBytes / MB).toFixed(0)} MB + ${memory.bytesPerOutputVoxel.toFixed(0)} B per output voxel of a tile\n` +
      `untiled estimate ${(wholeEstimate / MB).toFixed(0)} MB; chosen tiles ${tiles.frames}x${tiles.height}x${tiles.width} latents (overlap ${tiles.overlapFrames} frames, ${tiles.overlapHeight}x${tiles.overlapWidth}), ${tiles.tiles} tiles, estimate ${(tiles.estimatedBytes / MB).toFixed(0)} MB\n`,
  );
  const job = { model: 'turbo-vaed-hunyuan', height, width, latentFrames, widthMult, mode: 'once' as const, seed: 0 };
  for (const [label, extra] of [['untiled', {}], ['tiled', { tiles }]] as const) {
    const t0 = Date.now();
    const r = await runZooDecodeJobInChild({ ...job, ...extra });
    const peak = r.peakRssBytes / MB;
    process.stdout.write(
      `${label.padEnd(8)} output ${r.outputShape.join('x')}  tiles ${String(r.tiles).padStart(3)}  peak RSS ${peak.toFixed(0).padStart(6)} MB  ${peak <= budgetMB ? 'within' : 'EXCEEDS'} ${budgetMB} MB  wall ${((Date.now() - t0) / 1000).toFixed(1)} s  GMAC ${((r.macs ?? 0) / 1e9).toFixed(0)}  mean ${r.outputMean.toFixed(4)}\n`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
