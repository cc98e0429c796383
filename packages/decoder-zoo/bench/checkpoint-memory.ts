// Peak memory of loading a full-width checkpoint and building its graph (a benchmark, not a test).
// Writes a synthetic full-width LTX-Video 0.9.0 checkpoint (239M parameters, float32, the reference key
// names) to a temporary folder unless one is given, then loads it in a child process and prints that
// process's peak RSS after building the graph and after serialising it, against the weight bytes.
//   npx tsx packages/decoder-zoo/bench/checkpoint-memory.ts [FILE.safetensors] [MODEL]
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom } from '@evalkit/onnx-graph';
import { buildZooModel, buildZooModelFromCheckpoint } from '../src';
import { expectedTensors } from '../src/checkpoint/match-checkpoint';

const MiB = 2 ** 20;
const size = { height: 64, width: 64, latentFrames: 2 };

/** Streams a float32 safetensors file of every tensor the model expects, seeded U(-0.01, 0.01). */
function writeSynthetic(model: string, file: string): number {
  const tensors = expectedTensors(buildZooModel(model, { ...size, materializeWeights: false }).graph.initializers);
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const t of tensors) {
    const n = t.fileShape.reduce((a, d) => a * d, 1) * 4;
    header[t.key] = { dtype: 'F32', shape: t.fileShape, data_offsets: [offset, offset + n] };
    offset += n;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const fd = openSync(file, 'w');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  writeSync(fd, len);
  writeSync(fd, json);
  const random = new SeededRandom(1);
  for (const t of tensors) {
    const data = new Float32Array(t.fileShape.reduce((a, d) => a * d, 1));
    random.fillUniform(data, 0.01);
    writeSync(fd, new Uint8Array(data.buffer));
  }
  closeSync(fd);
  return offset;
}

function child(model: string, file: string): void {
  const rss = () => process.resourceUsage().maxRSS * 1024;
  const before = rss();
  const { build } = buildZooModelFromCheckpoint(model, file, size);
  const afterBuild = rss();
  const bytes = build.graph.toBytes().byteLength;
  const afterSerialise = rss();
  process.stdout.write(JSON.stringify({ params: build.params, before, afterBuild, afterSerialise, onnxBytes: bytes }));
}

function main(): void {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === '--child') return child(rest[0], rest[1]);
  const model = rest[0] ?? 'ltx-video-0.9.0';
  let file = mode;
  let dir: string | null = null;
  let weightBytes: number;
  if (file === undefined) {
    dir = mkdtempSync(join(tmpdir(), 'evk-ckpt-mem-'));
    file = join(dir, 'diffusion_pytorch_model.safetensors');
    process.stderr.write(`writing a synthetic full-width ${model} checkpoint to ${file}...\n`);
    weightBytes = writeSynthetic(model, file);
  } else weightBytes = NaN;
  try {
    const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', model, file], { encoding: 'utf8', maxBuffer: 16 * MiB });
    if (r.status !== 0) throw new Error(r.stderr);
    const m = JSON.parse(r.stdout) as { params: number; before: number; afterBuild: number; afterSerialise: number; onnxBytes: number };
    const w = Number.isNaN(weightBytes) ? m.params * 4 : weightBytes;
    const line = (label: string, v: number) => `${label.padEnd(38)} ${(v / MiB).toFixed(0).padStart(6)} MiB  ${(v / w).toFixed(2)}x weights`;
    process.stdout.write(
      [
        `${model}: ${(m.params / 1e6).toFixed(2)} M params, ${(w / MiB).toFixed(0)} MiB of float32 weights`,
        line('peak RSS before loading (runtime)', m.before),
        line('peak RSS after load + graph build', m.afterBuild),
        line('peak RSS after serialising to ONNX', m.afterSerialise),
      ].join('\n') + '\n',
    );
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main();
