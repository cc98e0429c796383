import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEvalkitError, type ErrorCode } from '@evalkit/core';
import { parseNpy, readNpyFile, readTensorFile, writeNpyFile } from '../src';
import { debianPython, requireSystemTool } from '@evalkit/test-harness';

const isEvalkitErrorOfCode = (error: unknown, code: string) => isEvalkitError(error, code as ErrorCode);
/** Reads as the decoder reads latents: named "latent" in messages, several arrays resolved by these names. */
const readLatents = (spec: string) => readTensorFile(spec, { noun: 'latent', preferredKeys: ['latents', 'z', 'latent'], alternatives: '(or "random")' });

/** Runs a Python program (given on stdin) with Debian's python and NumPy, in `cwd`; returns stdout. */
const runPython = (code: string, cwd: string): string => execFileSync(debianPython(), ['-'], { cwd, input: code, encoding: 'utf8', maxBuffer: 1 << 28 });

// NumPy writes every file; a raw little-endian float32 C-order dump is the independent truth.
const dir = mkdtempSync(join(tmpdir(), 'evk-latents-'));
const numpy = requireSystemTool('python3-numpy');
if (numpy.available) beforeAll(() => {
  runPython(
    `
import numpy as np, json, struct
rng = np.random.default_rng(7)
a = rng.standard_normal((1, 16, 3, 4, 5)).astype(np.float32)
a.tofile('truth.f32')
np.save('c32.npy', a)
np.save('f32.npy', np.asfortranarray(a))
h = a.astype(np.float16)
h.astype(np.float32).tofile('truth16.f32')
np.save('c16.npy', h)
np.save('f16.npy', np.asfortranarray(h))
np.save('be32.npy', a.astype('>f4'))
np.save('f64.npy', a.astype(np.float64))
np.savez('stored.npz', latents=a, other=np.zeros(3))
np.savez_compressed('deflated.npz', z=a)
np.savez('two.npz', a=a, b=a)
np.save('i64.npy', np.arange(6).reshape(2, 3))
np.save('u8f.npy', np.asfortranarray(np.arange(24, dtype=np.uint8).reshape(2, 3, 4)))
def st(path, tensors):
    header, blobs, off = {}, [], 0
    for name, (dtype, arr) in tensors.items():
        b = arr.tobytes(order='C')
        header[name] = {'dtype': dtype, 'shape': list(arr.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b); off += len(b)
    header['__metadata__'] = {'format': 'pt'}
    hj = json.dumps(header).encode()
    hj += b' ' * ((8 - len(hj) % 8) % 8)
    open(path, 'wb').write(struct.pack('<Q', len(hj)) + hj + b''.join(blobs))
st('one.safetensors', {'latents': ('F32', a)})
st('half.safetensors', {'x': ('F16', h)})
st('multi.safetensors', {'a': ('F32', a), 'b': ('F32', a)})
st('int.safetensors', {'latents': ('I32', np.zeros((2, 2), np.int32))})
`,
    dir,
  );
}, 60_000);

const truth = (name = 'truth.f32') => new Float32Array(new Uint8Array(readFileSync(join(dir, name))).buffer);
const p = (name: string) => join(dir, name);

numpy.describe('array files are read exactly as NumPy wrote them', () => {
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

  it('writes .npy that NumPy reads back identically (float32, float64, uint8)', () => {
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

numpy.describe('bad latent files are rejected with the file, field and reason', () => {
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
