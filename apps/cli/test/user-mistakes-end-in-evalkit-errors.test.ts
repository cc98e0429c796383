import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { useScratchDir } from '@evalkit/test-harness';
import { EVALKIT_BIN, runEvalkit } from './support/evalkit-command';

const bin = EVALKIT_BIN;
const repo = resolve(__dirname, '../../..');
const run = (args: string[]) => runEvalkit(args, { timeout: 120_000, cwd: repo });
const twoRaters = join(repo, 'fixtures/htp/synthetic-study/labels-two-raters.csv');

/** A clean evalkit error: the code in brackets, no "unexpected error", no stack frame. */
function expectCleanError(r: ReturnType<typeof run>, status: number, message: RegExp): void {
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status, stderr: expect.stringMatching(message) });
  expect(r.stderr).toMatch(/^evalkit: error \[EVK_[A-Z_]+\]|^error: /m);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
}

describe('ordinary mistakes end in an EvalkitError with its exit status, never a stack trace', () => {
  jest.setTimeout(120_000);
  const scratch = useScratchDir('evalkit-mistakes-');
  let aFile: string;
  let aFolder: string;
  beforeAll(() => {
    aFile = join(scratch.path, 'a-file');
    aFolder = join(scratch.path, 'a-folder');
    writeFileSync(aFile, 'x');
    mkdirSync(aFolder);
  });

  it.each([
    ['decode --out naming a file', ['decode', '--latents', 'random', '--height', '16', '--width', '16', '--latent-frames', '1', '--out', 'FILE'], /FILE, field "--out": exists and is not a folder/],
    ['metrics --out naming a folder', ['metrics', '--ref', 'fixtures/recon/images/camera-ref.png', '--test', 'fixtures/recon/images/camera-blur.png', '--out', 'FOLDER'], /FOLDER, field "--out": is a folder/],
    ['metrics --csv naming a folder', ['metrics', '--ref', 'fixtures/recon/images/camera-ref.png', '--test', 'fixtures/recon/images/camera-blur.png', '--csv', 'FOLDER'], /FOLDER, field "--csv": is a folder/],
    ['htp evaluate --out naming a file', ['htp', 'evaluate', '--outputs', 'fixtures/htp/synthetic-study/outputs.jsonl', '--labels', 'fixtures/htp/synthetic-study/labels.csv', '--bootstrap', '0', '--out', 'FILE'], /FILE, field "--out": exists and is not a folder/],
    ['agreement --out naming a folder', ['agreement', '--ratings', twoRaters, '--out', 'FOLDER'], /FOLDER, field "--out": is a folder/],
    ['report --out naming a file', ['report', 'fixtures', '--out', 'FILE'], /FILE, field "--out": exists and is not a folder/],
    ['zoo build --out naming a folder', ['zoo', 'build', 'turbo-vaed-hunyuan', '--out', 'FOLDER', '--height', '64', '--width', '64', '--width-mult', '0.0625'], /FOLDER, field "--out": is a folder/],
    ['zoo list --out below a file', ['zoo', 'list', '--out', 'FILE/sizes.json'], /FILE\/sizes\.json, field "--out": cannot write here: .* is a file/],
    ['bench kernels --out naming a folder (before the run)', ['bench', 'kernels', '--out', 'FOLDER'], /FOLDER, field "--out": is a folder/],
  ])('%s: usage error, exit 2', (_name, args, message) => {
    const swap = (s: string) => s.replace('FILE', aFile).replace('FOLDER', aFolder);
    const r = run((args as string[]).map(swap));
    expectCleanError(r, 2, new RegExp((message as RegExp).source.replace('FILE', aFile).replace('FOLDER', aFolder)));
    expect(readdirSync(aFolder)).toEqual([]);
  });

  it('bench kernels refuses a folder --out at once, not after the whole run', () => {
    const began = Date.now();
    expectCleanError(run(['bench', 'kernels', '--preset', 'paper', '--out', aFolder]), 2, /is a folder/);
    expect(Date.now() - began).toBeLessThan(30_000);
  });

  it('no case with two ratings is an input error naming the file', () => {
    const csv = join(scratch.path, 'apart.csv');
    writeFileSync(csv, 'case_id,rater,label\n1,a,High\n2,b,Low\n');
    expectCleanError(run(['agreement', '--ratings', csv]), 1, new RegExp(`${csv}: no case has two or more ratings`));
  });

  it.each([
    [['decode', '--format', 'y4m', '--fps', 'abc', '--out', 'OUT'], /--fps.*"abc"/],
    [['bench', 'decoders', '--models', ''], /--models.*at least one item/],
    [['bench', 'kernels', '--variants', ''], /--variants.*at least one item/],
    [['report', 'serve', 'fixtures', '--port', '70000'], /--port.*0 to 65535.*"70000"/],
    [['agreement', '--ratings', twoRaters, '--levels', ' , '], /--levels.*at least one item/],
  ])('%j is a usage error (exit 2) and writes nothing', (args, message) => {
    const out = join(scratch.path, `out-${Math.random().toString(36).slice(2)}`);
    const r = run((args as string[]).map((a) => (a === 'OUT' ? out : a)));
    expectCleanError(r, 2, message as RegExp);
    expect(readdirSync(scratch.path).filter((f) => f.startsWith('out-') || f.startsWith('.out-'))).toEqual([]);
  });

  it('report serve on a port in use fails with EVK_RUNTIME, exit 1', async () => {
    const site = join(scratch.path, 'site');
    mkdirSync(site, { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html>');
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (blocker.address() as { port: number }).port;
      expectCleanError(run(['report', 'serve', site, '--port', String(port)]), 1, /EVK_RUNTIME.*--port.*already in use/);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('output piped into a reader that stops early (| head) ends quietly', async () => {
    // 40 raters: 780 rater pairs, a JSON far larger than a pipe's buffer.
    const csv = join(scratch.path, 'forty.csv');
    const raters = Array.from({ length: 40 }, (_, j) => `r${j}`);
    const rows = Array.from({ length: 30 }, (_, i) => `c${i},${raters.map((_, j) => ['Low', 'Moderate', 'High'][(i * 7 + j * 3) % 3]).join(',')}`);
    writeFileSync(csv, `case_id,${raters.join(',')}\n${rows.join('\n')}\n`);
    const child = spawn(process.execPath, [bin, 'agreement', '--ratings', csv, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
