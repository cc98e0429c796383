import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZooModelFromCheckpoint } from '../src';
import { maxAbsDiff, readNpyF32, runModel } from './helpers';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'reference-decoders');

/** Splits a safetensors file into two shards plus a diffusers-style index, as HuggingFace ships large checkpoints. */
function shard(source: string, dir: string): string {
  const bytes = readFileSync(source);
  const length = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString('utf8')) as Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  delete (header as Record<string, unknown>).__metadata__;
  const keys = Object.keys(header);
  const parts = [keys.slice(0, keys.length >> 1), keys.slice(keys.length >> 1)];
  const weightMap: Record<string, string> = {};
  parts.forEach((part, i) => {
    const name = `diffusion_pytorch_model-0000${i + 1}-of-00002.safetensors`;
    const head: Record<string, unknown> = {};
    const blobs: Buffer[] = [];
    let offset = 0;
    for (const key of part) {
      const e = header[key];
      const blob = bytes.subarray(8 + length + e.data_offsets[0], 8 + length + e.data_offsets[1]);
      head[key] = { dtype: e.dtype, shape: e.shape, data_offsets: [offset, offset + blob.length] };
      blobs.push(blob);
      offset += blob.length;
      weightMap[key] = name;
    }
    const json = Buffer.from(JSON.stringify(head));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(json.length));
    writeFileSync(join(dir, name), Buffer.concat([len, json, ...blobs]));
  });
  const index = join(dir, 'diffusion_pytorch_model.safetensors.index.json');
  writeFileSync(index, JSON.stringify({ metadata: { total_size: bytes.length }, weight_map: weightMap }));
  return index;
}

describe('a sharded checkpoint (*.safetensors.index.json)', () => {
  it('loads like the single file and decodes the reference output within 1e-4', async () => {
    const name = 'ltx-video-0.9.0';
    const dir = mkdtempSync(join(tmpdir(), 'evk-shards-'));
    copyFileSync(join(FIXTURES, name, 'config.json'), join(dir, 'config.json'));
    const index = shard(join(FIXTURES, name, 'weights.safetensors'), dir);
    const latents = readNpyF32(join(FIXTURES, name, 'latents.npy'));
    const reference = readNpyF32(join(FIXTURES, name, 'reference.npy'));
    const loaded = buildZooModelFromCheckpoint(name, index, { latentFrames: latents.shape[2], height: reference.shape[3], width: reference.shape[4] });
    expect(loaded.checkpoint.files).toHaveLength(2);
    const out = await runModel(loaded.build.graph, { latent: { data: latents.data, dims: latents.shape } });
    expect(maxAbsDiff(out.video.data, reference.data)).toBeLessThanOrEqual(1e-4);
  }, 60_000);

  it('an index naming a shard that lacks the tensor is an error naming the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-shards-'));
    const index = shard(join(FIXTURES, 'wan-2.1', 'weights.safetensors'), dir);
    const json = JSON.parse(readFileSync(index, 'utf8')) as { weight_map: Record<string, string> };
    json.weight_map['decoder.conv_in.weight'] = 'diffusion_pytorch_model-00002-of-00002.safetensors';
    writeFileSync(index, JSON.stringify(json));
    expect(() => buildZooModelFromCheckpoint('wan-2.1', index, { latentFrames: 2, height: 16, width: 16 })).toThrow(
      /field "weight_map\.decoder\.conv_in\.weight".*the index puts "decoder\.conv_in\.weight" in diffusion_pytorch_model-00002-of-00002\.safetensors, which does not hold it/,
    );
  });
});
