import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLatents, writeLatentsNpy, randomLatents, isEvalkitErrorOfCode } from './helpers';
import { fixturePath, itReproducesFixture } from '@evalkit/test-harness';

// Every file was written by NumPy (tools/reference/numpy_latent_files.py, versions recorded in
// generated-by.json); a raw little-endian float32 C-order dump of the same array is the independent truth.
const FIXTURE = 'fixtures/reference/numpy-latent-files';
const fixtures = fixturePath('reference', 'numpy-latent-files');
// Tests that corrupt files write copies here; the NumPy files are only read.
const dir = mkdtempSync(join(tmpdir(), 'evk-latents-'));

itReproducesFixture({ script: 'tools/reference/numpy_latent_files.py', fixture: FIXTURE, tools: ['python3-numpy'], tolerance: 0 });

const truth = (name = 'truth.f32') => new Float32Array(new Uint8Array(readFileSync(join(fixtures, name))).buffer);
const p = (name: string) => (existsSync(join(fixtures, name.replace(/:.*$/, ''))) ? join(fixtures, name) : join(dir, name));

describe('latent files are read exactly as NumPy wrote them', () => {
  it.each(['c32.npy', 'f32.npy', 'be32.npy', 'f64.npy', 'stored.npz', 'deflated.npz', 'two.npz:b', 'one.safetensors', 'multi.safetensors:b'])(
    '%s equals the float32 truth bit for bit',
    (file) => {
      const latent = readLatents(p(file));
      expect(latent.shape).toEqual([1, 16, 3, 4, 5]);
      expect(Array.from(latent.data)).toEqual(Array.from(truth()));
    },
  );

  it.each(['c16.npy', 'f16.npy', 'half.safetensors'])('%s (float16) equals NumPy float16 -> float32 bit for bit', (file) => {
    expect(Array.from(readLatents(p(file)).data)).toEqual(Array.from(truth('truth16.f32')));
  });

  it('writes .npy as NumPy does: the same header dictionary, data from a 64-byte boundary, the same bytes', () => {
    // NumPy 1.24 pads its header further (room to grow the shape); the format (NEP 1) only asks that
    // the data start on a multiple of 64, so header text and data are compared, not the padding.
    const parts = (b: Buffer) => {
      const headerLength = b.readUInt16LE(8);
      return { magic: b.subarray(0, 8).toString('latin1'), header: b.subarray(10, 10 + headerLength).toString('latin1').trim(), dataOffset: 10 + headerLength, data: b.subarray(10 + headerLength) };
    };
    const latent = { shape: [1, 16, 3, 4, 5], data: truth() };
    writeLatentsNpy(join(dir, 'ours.npy'), latent);
    const ours = parts(readFileSync(join(dir, 'ours.npy')));
    const numpy = parts(readFileSync(join(fixtures, 'c32.npy')));
    expect(ours.magic).toBe(numpy.magic);
    expect(ours.header).toBe(numpy.header);
    expect(ours.dataOffset % 64).toBe(0);
    expect(ours.data.equals(numpy.data)).toBe(true);
  });

  it('seeded random latents repeat for one seed, differ across seeds and are standard normal', () => {
    const a = randomLatents([1, 16, 5, 32, 32], 1);
    expect(Array.from(randomLatents([1, 16, 5, 32, 32], 1).data)).toEqual(Array.from(a.data));
    expect(randomLatents([1, 16, 5, 32, 32], 2).data[0]).not.toBe(a.data[0]);
    const mean = a.data.reduce((s, v) => s + v, 0) / a.data.length;
    const variance = a.data.reduce((s, v) => s + (v - mean) ** 2, 0) / a.data.length;
    // 81920 samples: the standard error of the mean is 0.0035, of the variance 0.005.
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
});

describe('bad latent files are rejected with the file, field and reason', () => {
  const expectError = (spec: string, code: string, message: RegExp) => {
    let error: unknown;
    try {
      readLatents(spec);
    } catch (e) {
      error = e;
    }
    expect(isEvalkitErrorOfCode(error, code)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(spec.replace(/:[a-z]+$/, ''));
  };
  const mutate = (from: string, to: string, edit: (b: Buffer) => Buffer) => {
    writeFileSync(p(to), edit(readFileSync(p(from))));
    return p(to);
  };

  it('rejects a missing file', () => expectError(p('nope.npy'), 'EVK_FILE_NOT_FOUND', /no such latent file/));
  it('rejects an unknown extension', () => expectError(mutate('c32.npy', 'x.bin', (b) => b), 'EVK_UNSUPPORTED', /unknown latent file type/));
  it('rejects a file without the NumPy magic', () =>
    expectError(mutate('c32.npy', 'nomagic.npy', (b) => Buffer.concat([Buffer.from('HELLO!'), b.subarray(6)])), 'EVK_INVALID_INPUT', /magic/));
  it('rejects a header without a shape', () =>
    expectError(mutate('c32.npy', 'noshape.npy', (b) => Buffer.from(b.toString('latin1').replace("'shape'", "'shope'"), 'latin1')), 'EVK_INVALID_INPUT', /field "shape".*no "shape" tuple/));
  it('rejects a header longer than the file', () => expectError(mutate('c32.npy', 'shorthead.npy', (b) => b.subarray(0, 40)), 'EVK_INVALID_INPUT', /truncated \.npy header/));
  it('rejects truncated .npy data', () =>
    expectError(mutate('c32.npy', 'short.npy', (b) => b.subarray(0, b.length - 4)), 'EVK_INVALID_INPUT', /field "data".*truncated data: shape \[1,16,3,4,5\] of <f4 needs 3840 bytes, the file has 3836/));
  it('rejects an integer .npy', () => expectError(p('i64.npy'), 'EVK_INVALID_INPUT', /field "descr", value "<i8": unsupported dtype/));
  it('rejects a truncated .npz', () => expectError(mutate('deflated.npz', 'cut.npz', (b) => b.subarray(0, b.length - 30)), 'EVK_INVALID_INPUT', /no end-of-central-directory/));
  it('rejects a corrupt .npz member', () =>
    expectError(mutate('stored.npz', 'bad.npz', (b) => { const c = Buffer.from(b); c[200] ^= 0xff; return c; }), 'EVK_INVALID_INPUT', /corrupt|CRC/));
  it('asks for a key when a .npz holds several arrays', () => expectError(p('two.npz'), 'EVK_INVALID_INPUT', /holds 2 arrays \(a, b\)/));
  it('rejects an unknown .npz key, listing the keys', () => expectError(p('two.npz') + ':c', 'EVK_INVALID_INPUT', /no array named "c".*a, b/));
  it('rejects a safetensors header that is not JSON', () =>
    expectError(mutate('one.safetensors', 'nojson.safetensors', (b) => { const c = Buffer.from(b); c[8] = 0x5b; c[9] = 0x5b; return c; }), 'EVK_INVALID_INPUT', /not JSON/));
  it('rejects a safetensors header length beyond the file', () =>
    expectError(mutate('one.safetensors', 'hlen.safetensors', (b) => { const c = Buffer.from(b); c.writeBigUInt64LE(1n << 40n, 0); return c; }), 'EVK_INVALID_INPUT', /truncated safetensors header/));
  it('rejects truncated safetensors data', () =>
    expectError(mutate('one.safetensors', 'cut.safetensors', (b) => b.subarray(0, b.length - 8)), 'EVK_INVALID_INPUT', /truncated data: tensor "latents"/));
  it('rejects an integer safetensors tensor', () => expectError(p('int.safetensors'), 'EVK_INVALID_INPUT', /field "latents.dtype", value "I32": unsupported dtype/));
});
