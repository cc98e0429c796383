import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEvalkitError, type ErrorCode } from '@evalkit/core';
import { parseNpy, readNpyFile, readSafetensorsIndex, readSafetensorsTensor, readTensorFile, writeNpyFile } from '../src';
import { debianPython, fixturePath, itReproducesFixture, requireSystemTool } from '@evalkit/test-harness';

const isEvalkitErrorOfCode = (error: unknown, code: string) => isEvalkitError(error, code as ErrorCode);
/** Reads as the decoder reads latents: named "latent" in messages, several arrays resolved by these names. */
const readLatents = (spec: string) => readTensorFile(spec, { noun: 'latent', preferredKeys: ['latents', 'z', 'latent'], alternatives: '(or "random")' });

// NumPy wrote every file (tools/reference/numpy_latent_files.py, versions in generated-by.json); a raw
// little-endian float32 C-order dump of the same array is the independent truth. Tests that corrupt
// files write copies to a temporary folder; the committed files are only read.
const fixtures = fixturePath('reference', 'numpy-latent-files');
const dir = mkdtempSync(join(tmpdir(), 'evk-latents-'));
const numpy = requireSystemTool('python3-numpy');

/** Runs a Python program (given on stdin) with Debian's python and NumPy, in `cwd`; returns stdout. */
const runPython = (code: string, cwd: string): string => execFileSync(debianPython(), ['-'], { cwd, input: code, encoding: 'utf8', maxBuffer: 1 << 28 });

const truth = (name = 'truth.f32') => new Float32Array(new Uint8Array(readFileSync(join(fixtures, name))).buffer);
const p = (name: string) => (existsSync(join(fixtures, name.replace(/:.*$/, ''))) ? join(fixtures, name) : join(dir, name));

itReproducesFixture({ script: 'tools/reference/numpy_latent_files.py', fixture: 'fixtures/reference/numpy-latent-files', tools: ['python3-numpy'], tolerance: 0 });

describe('array files are read exactly as NumPy wrote them', () => {
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
    writeNpyFile(join(dir, 'ours-c32.npy'), { data: truth(), shape: [1, 16, 3, 4, 5] });
    const ours = parts(readFileSync(join(dir, 'ours-c32.npy')));
    const numpyFile = parts(readFileSync(join(fixtures, 'c32.npy')));
    expect(ours.magic).toBe(numpyFile.magic);
    expect(ours.header).toBe(numpyFile.header);
    expect(ours.dataOffset % 64).toBe(0);
    expect(ours.data.equals(numpyFile.data)).toBe(true);
  });

  numpy.it('writes .npy that NumPy reads back identically (float32, float64, uint8)', () => {
    const f32 = { data: Float32Array.from([0.1, -2.5, 3e-8, 7, 1e30, -0]), shape: [2, 3] };
    writeNpyFile(p('ours.npy'), f32);
    writeNpyFile(p('ours64.npy'), { data: Float64Array.from([0.1, Math.PI]), shape: [2] });
    writeNpyFile(p('ours8.npy'), { data: Uint8Array.from([0, 255, 7, 9]), shape: [1, 2, 2] });
    const out = runPython(
      `import numpy as np, json
print(json.dumps([[str(a.dtype), list(a.shape), a.ravel().tolist()] for a in (np.load('ours.npy'), np.load('ours64.npy'), np.load('ours8.npy'))]))`,
      dir,
    );
    expect(JSON.parse(out)).toEqual([
      ['float32', [2, 3], Array.from(f32.data)],
      ['float64', [2], [0.1, Math.PI]],
      ['uint8', [1, 2, 2], [0, 255, 7, 9]],
    ]);
  });

  it('reads a Fortran-order uint8 array in C order, keeping uint8', () => {
    const a = readNpyFile(p('u8f.npy'));
    expect([a.dtype, a.shape, Array.from(a.data)]).toEqual(['uint8', [2, 3, 4], Array.from({ length: 24 }, (_, i) => i)]);
    expect(parseNpy(new Uint8Array(readFileSync(p('f64.npy'))), 'f64.npy').dtype).toBe('float64');
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
  it('rejects a uint8 .npy where a float tensor is wanted', () => expectError(p('u8f.npy'), 'EVK_INVALID_INPUT', /field "descr", value "\|u1": unsupported dtype: a latent must be float/));
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

describe('large safetensors files are indexed from their header and read tensor by tensor', () => {
  it('locates every tensor, reads F32/F16 as NumPy wrote them, and keeps the metadata', () => {
    const index = readSafetensorsIndex(p('multi.safetensors'));
    expect([...index.tensors.keys()]).toEqual(['a', 'b']);
    expect(index.metadata).toEqual({ format: 'pt' });
    const b = index.tensors.get('b')!;
    expect([b.dtype, b.shape, b.bytes]).toEqual(['F32', [1, 16, 3, 4, 5], 3840]);
    expect(Array.from(readSafetensorsTensor(b))).toEqual(Array.from(truth()));
    expect(Array.from(readSafetensorsTensor(readSafetensorsIndex(p('half.safetensors')).tensors.get('x')!))).toEqual(Array.from(truth('truth16.f32')));
  });

  it('refuses a truncated file and an integer tensor before reading any tensor', () => {
    writeFileSync(p('cut2.safetensors'), readFileSync(p('multi.safetensors')).subarray(0, -8));
    expect(() => readSafetensorsIndex(p('cut2.safetensors'))).toThrow(/cut2\.safetensors, field "b\.data_offsets".*truncated data: tensor "b"/);
    expect(() => readSafetensorsIndex(p('int.safetensors'))).toThrow(/field "latents\.dtype", value "I32": unsupported dtype/);
  });
});
