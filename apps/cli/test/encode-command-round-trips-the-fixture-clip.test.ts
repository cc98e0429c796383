import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(__dirname, '../bin/evalkit.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'evk-encode-cli-'));

describe('evalkit encode', () => {
  it('encodes the fixture clip to 1x16x5x16x16 float32 latents that NumPy reads, reporting the 24.9 dB round trip', () => {
    const out = join(dir, 'z.npy');
    const r = run(['encode', '--out', out, '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('evalkit/encode@1');
    expect(doc.results[0].latentShape).toEqual([1, 16, 5, 16, 16]);
    expect(doc.results[0].roundTripPsnrDb).toBeGreaterThan(24.5);
    const py = spawnSync('/usr/bin/python3', ['-c', `import numpy as np; a = np.load('${out}'); print(a.dtype, a.shape, round(float(a.std()), 2))`], { encoding: 'utf8' });
    expect(py.stdout.trim()).toBe('float32 (1, 16, 5, 16, 16) 1.0');
  }, 60_000);

  it('rejects a clip whose frame count breaks the 4T-3 rule, naming the field and value', () => {
    const r = run(['encode', '--clip', join(dir, 'missing'), '--out', join(dir, 'x.npy')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing: no such clip/);
    const frames = join(dir, 'six');
    spawnSync('/usr/bin/python3', ['-c', `import os, numpy as np; from PIL import Image; os.makedirs('${frames}'); [Image.fromarray(np.zeros((16, 16, 3), np.uint8)).save('${frames}/f%d.png' % i) for i in range(6)]`]);
    const r2 = run(['encode', '--clip', frames, '--out', join(dir, 'y.npy')]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/field "frames", value 6: the codec's 4T-3 rule needs 1, 5, 9, 13, 17, \.\.\. frames; got 6/);
  }, 60_000);
});
