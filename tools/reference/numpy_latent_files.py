#!/usr/bin/python3
"""NumPy-written latent files (.npy in every layout and dtype, .npz stored and deflated, safetensors
written per its spec) and the raw float32 truth they hold: the reference for evalkit's latent readers
(packages/media-io/test/array-files-match-numpy.test.ts and the decode-from-every-format test of decoder-runtime).
"""
import json
import struct

import numpy as np

from reference_common import generated_by, out_dir, write_json

out = out_dir('numpy-latent-files', __doc__)
p = lambda name: f'{out}/{name}'

rng = np.random.default_rng(7)
a = rng.standard_normal((1, 16, 3, 4, 5)).astype(np.float32)
a.tofile(p('truth.f32'))
np.save(p('c32.npy'), a)
np.save(p('f32.npy'), np.asfortranarray(a))
h = a.astype(np.float16)
h.astype(np.float32).tofile(p('truth16.f32'))
np.save(p('c16.npy'), h)
np.save(p('f16.npy'), np.asfortranarray(h))
np.save(p('be32.npy'), a.astype('>f4'))
np.save(p('f64.npy'), a.astype(np.float64))
np.savez(p('stored.npz'), latents=a, other=np.zeros(3))
np.savez_compressed(p('deflated.npz'), z=a)
np.savez(p('two.npz'), a=a, b=a)
np.save(p('i64.npy'), np.arange(6).reshape(2, 3))
np.save(p('u8f.npy'), np.asfortranarray(np.arange(24, dtype=np.uint8).reshape(2, 3, 4)))


def safetensors(path, tensors):
    header, blobs, off = {}, [], 0
    for name, (dtype, arr) in tensors.items():
        b = arr.tobytes(order='C')
        header[name] = {'dtype': dtype, 'shape': list(arr.shape), 'data_offsets': [off, off + len(b)]}
        blobs.append(b)
        off += len(b)
    header['__metadata__'] = {'format': 'pt'}
    hj = json.dumps(header).encode()
    hj += b' ' * ((8 - len(hj) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(hj)) + hj + b''.join(blobs))


safetensors(p('one.safetensors'), {'latents': ('F32', a)})
safetensors(p('half.safetensors'), {'x': ('F16', h)})
safetensors(p('multi.safetensors'), {'a': ('F32', a), 'b': ('F32', a)})
safetensors(p('int.safetensors'), {'latents': ('I32', np.zeros((2, 2), np.int32))})
write_json(out, 'generated-by.json', {'generatedBy': generated_by(__file__, {'numpy': np}), 'shape': list(a.shape)})
