import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZooModelFromCheckpoint } from '../src';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'reference-decoders');
const dir = mkdtempSync(join(tmpdir(), 'evk-ckpt-'));
const size = { latentFrames: 2, height: 32, width: 32 };

/** Rewrites a fixture's safetensors header with `edit` (data unchanged), into a fresh folder beside a copy of its config.json. */
function edited(name: string, edit: (header: Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>) => void, file = 'w.safetensors'): string {
  const bytes = readFileSync(join(FIXTURES, name, 'weights.safetensors'));
  const length = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString('utf8'));
  edit(header);
  const json = Buffer.from(JSON.stringify(header).padEnd(length, ' '));
  if (json.length !== length) throw new Error('edited header must not grow');
  const folder = mkdtempSync(join(dir, 'x'));
  copyFileSync(join(FIXTURES, name, 'config.json'), join(folder, 'config.json'));
  const out = join(folder, file);
  writeFileSync(out, Buffer.concat([bytes.subarray(0, 8), json, bytes.subarray(8 + length)]));
  return out;
}

const load = (name: string, file: string, configPath?: string) => () => buildZooModelFromCheckpoint(name, file, { ...size, configPath });

describe('a checkpoint that does not fit is refused with a message naming the problem', () => {
  it('missing key: names it', () => {
    const file = edited('hunyuanvideo', (h) => {
      h['decoder.conv_out.conv.bias_x'] = h['decoder.conv_out.conv.bias'];
      delete h['decoder.conv_out.conv.bias'];
    });
    expect(load('hunyuanvideo', file)).toThrow(/Missing key\(s\) \(1\): decoder\.conv_out\.conv\.bias\n\s+Unexpected key\(s\) \(1\): decoder\.conv_out\.conv\.bias_x/);
  });

  it('mis-shaped key: names key, expected and file shapes', () => {
    const file = edited('hunyuanvideo', (h) => {
      h['post_quant_conv.weight'].shape = [16, 16, 1, 1]; // a size-1 axis fewer: still fits
      h['decoder.conv_out.conv.weight'].shape = [3, 8, 27];
    });
    expect(load('hunyuanvideo', file)).toThrow(/\(1 problem\(s\), nothing was loaded\)\.\n\s+size mismatch for decoder\.conv_out\.conv\.weight: zoo:hunyuanvideo expects \[3, 8, 3, 3, 3\], the file has \[3, 8, 27\]$/);
  });

  it("another model's checkpoint: every problem in one error, nothing built", () => {
    const file = join(mkdtempSync(join(dir, 'c')), 'cog.safetensors');
    copyFileSync(join(FIXTURES, 'cogvideox', 'weights.safetensors'), file);
    expect(load('turbo-vaed-hunyuan', file)).toThrow(/does not match zoo:turbo-vaed-hunyuan \(\d+ problem\(s\), nothing was loaded\)/);
  });

  it("another model's config.json: names the field and both values", () => {
    const file = join(FIXTURES, 'turbo-vaed-dc', 'weights.safetensors');
    expect(load('turbo-vaed-ltx', file)).toThrow(/config\.json, field "decoder_layers_per_block", value \[4,3,3,3,4\]: zoo:turbo-vaed-ltx builds \[3,2,3,1,1\] here, the config says \[4,3,3,3,4\]/);
  });

  it('a config of another class is refused by its _class_name', () => {
    const config = join(mkdtempSync(join(dir, 'k')), 'config.json');
    writeFileSync(config, JSON.stringify({ _class_name: 'AutoencoderKLCogVideoX', latent_channels: 16 }));
    expect(load('hunyuanvideo', join(FIXTURES, 'hunyuanvideo', 'weights.safetensors'), config)).toThrow('is a AutoencoderKLCogVideoX config; zoo:hunyuanvideo builds AutoencoderKLHunyuanVideo');
  });

  it('truncated file: names the tensor that runs past the end', () => {
    const bytes = readFileSync(join(FIXTURES, 'wan-2.1', 'weights.safetensors'));
    const file = join(mkdtempSync(join(dir, 't')), 'cut.safetensors');
    writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    expect(load('wan-2.1', file)).toThrow(/truncated data: tensor ".+" ends at byte \d+ of the data, which has \d+/);
  });

  it('corrupt header: says it is not JSON', () => {
    const bytes = Buffer.from(readFileSync(join(FIXTURES, 'wan-2.1', 'weights.safetensors')));
    bytes[9] = 0x7b; // '{{' cannot start a JSON object
    const file = join(mkdtempSync(join(dir, 'h')), 'bad.safetensors');
    writeFileSync(file, bytes);
    expect(load('wan-2.1', file)).toThrow(/malformed safetensors header \(not JSON\)/);
  });

  it('not a safetensors file at all', () => {
    const file = join(mkdtempSync(join(dir, 'n')), 'model.safetensors');
    writeFileSync(file, 'hello world, not weights');
    expect(load('wan-2.1', file)).toThrow(/model\.safetensors, field "header".*truncated safetensors header: it says \d+ bytes/);
  });
});
