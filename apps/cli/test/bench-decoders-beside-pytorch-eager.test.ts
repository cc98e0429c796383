import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readResultDocument } from '@evalkit/core';
import { fixturePath, requireSystemTool, turboVaedReference } from '@evalkit/test-harness';

const bin = resolve(__dirname, '../bin/evalkit.js');
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 180_000, env });
const quick = ['--runs', '2', '--warmup', '0', '--no-ceiling', '--threads', '1'];
const tools = requireSystemTool('python3-torch', 'python3-numpy');
const reference = turboVaedReference(tools);
// Reduced-width fixture weights and latents (tools/reference-decoders/make_fixtures.py, from the public
// hustvl/Turbo-VAED code), so both rows run the same small network on the same latents.
const fixture = (name: string, file: string) => fixturePath('reference-decoders', name, file);
const ltx = (prefix: string) => `${prefix}:turbo-vaed-ltx@${fixture('turbo-vaed-ltx', 'weights.safetensors')}`;

describe('evalkit bench decoders with torch:NAME, the reference PyTorch decoder run eagerly', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'evk-bench-eager-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  reference.it(
    'times it interleaved with our graph: a torch row with samples, and the pair ratio with its interval, in the document and the table',
    () => {
      const out = join(dir, 'bench.json');
      const r = run(['bench', 'decoders', '--models', `ours=${ltx('zoo')},eager=${ltx('torch')}`, '--pair', 'eager:ours', '--latents', fixture('turbo-vaed-ltx', 'latents.npy'), '--reference-code', reference.path, ...quick, '--out', out]);
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.status).toBe(0);
      const doc = readResultDocument(out);
      const rows = doc.results as { model: string; source: string; samples: number; params: number; outputMean: number; reference?: { model: string; torch: string } }[];
      const [ours, eager] = ['ours', 'eager'].map((m) => rows.find((x) => x.model === m)!);
      expect(eager.source).toBe('torch');
      expect(eager.samples).toBe(2);
      expect(eager.reference).toMatchObject({ model: 'turbo-vaed-ltx', torch: expect.stringMatching(/^1\./) });
      expect(eager.params).toBe(ours.params);
      // Same latents, same weights: the outputs' means agree (the equality itself is the bench package's test).
      expect(Math.abs(eager.outputMean - ours.outputMean)).toBeLessThan(1e-4);
      const pair = (doc.summary as { pairs: { baseline: string; candidate: string; speedup: number; speedupCi95: [number, number] }[] }).pairs[0];
      expect(pair).toMatchObject({ baseline: 'eager', candidate: 'ours' });
      expect(pair.speedupCi95[0]).toBeLessThanOrEqual(pair.speedup);
      expect(pair.speedupCi95[1]).toBeGreaterThanOrEqual(pair.speedup);
      expect(r.stdout).toMatch(/^eager( !)?\s+2\s+9\s+2\s/m);
      expect(r.stdout).toMatch(/^eager\s+ours( !)?\s+\d+\.\d+x \[\d+\.\d+, \d+\.\d+\]/m);
      expect(r.stdout).toMatch(/^eager: PyTorch 1\.\S+ eager \(.*\), reference turbo-vaed-ltx from /m);
    },
    180_000,
  );

  it('skips the torch row with the reason when the interpreter has no torch, and still times the rest (exit 0)', () => {
    const out = join(dir, 'skipped.json');
    const r = run(['bench', 'decoders', '--models', `ours=${ltx('zoo')},eager=${ltx('torch')}`, '--pair', 'eager:ours', '--latents', fixture('turbo-vaed-ltx', 'latents.npy'), '--reference-code', reference.path, ...quick, '--out', out], { ...process.env, EVALKIT_PYTHON: join(dir, 'no-such-python3') });
    expect(r.status).toBe(0);
    const doc = readResultDocument(out);
    expect((doc.results as { model: string }[]).map((x) => x.model)).toEqual(['ours']);
    const skipped = (doc.summary as { skipped: { model: string; reason: string }[] }).skipped;
    expect(skipped).toEqual([{ model: 'eager', reason: expect.stringContaining('cannot import torch and numpy (Debian packages python3-torch python3-numpy') }]);
    expect(r.stdout).toContain(`skipped: eager: ${join(dir, 'no-such-python3')} cannot import torch`);
  });

  it('skips the torch row when --reference-code is not a Turbo-VAED checkout', () => {
    const r = run(['bench', 'decoders', '--models', `ours=${ltx('zoo')},eager=${ltx('torch')}`, '--pair', 'eager:ours', '--latents', fixture('turbo-vaed-ltx', 'latents.npy'), '--reference-code', dir, ...quick]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`skipped: eager: ${dir} is not a checkout of github.com/hustvl/Turbo-VAED`);
  });

  describe('refuses a torch spec it cannot run (exit 2, nothing written)', () => {
    const out = () => join(dir, 'never.json');
    afterEach(() => expect(existsSync(out())).toBe(false));
    it.each([
      ['an unknown decoder', ['--models', 'torch:no-such-vae', '--reference-code', '.'], /field "--models", value "torch:no-such-vae": unknown reference decoder; torch:NAME takes one of turbo-vaed-hunyuan/],
      ['no checkpoint after "@"', ['--models', 'torch:hunyuanvideo@', '--reference-code', '.'], /expected torch:NAME@WEIGHTS\.safetensors/],
      ['no --reference-code', ['--models', 'eager=torch:hunyuanvideo'], /field "--models", value "eager=torch:hunyuanvideo": torch:NAME runs the reference PyTorch code: give your checkout .* --reference-code DIR/],
      ['a width multiplier the reference cannot build', ['--models', 'torch:hunyuanvideo', '--reference-code', '.', '--width-mult', '0.25'], /field "--width-mult", value 0\.25: torch:NAME builds the published decoder/],
    ])('%s', (_what, args, message) => {
      const r = run(['bench', 'decoders', ...args, ...quick, '--out', out()]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  });
});
