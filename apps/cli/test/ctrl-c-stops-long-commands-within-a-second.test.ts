import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mulberry32 } from '@evalkit/core';
import { writeNpyFile } from '@evalkit/media-io';
import { useScratchDir } from '@evalkit/test-harness';

const bin = resolve(__dirname, '../bin/evalkit.js');

/** Starts evalkit, waits until `busy` shows on stderr plus `settle` ms, sends `signal` (SIGINT: Ctrl-C), and times the exit. */
async function interrupt(args: string[], busy: RegExp | null, settle: number, signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): Promise<{ code: number | null; ms: number; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  await new Promise<void>((r) => {
    const check = () => {
      if (busy === null || busy.test(stderr)) {
        child.stderr.off('data', onData);
        setTimeout(r, settle);
      }
    };
    const onData = (c: Buffer) => {
      stderr += c.toString();
      check();
    };
    child.stderr.on('data', onData);
    check();
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const began = Date.now();
  child.kill(signal);
  const code = await exited;
  return { code, ms: Date.now() - began, stderr };
}

/** Seeded uniform [0, 1) samples from core's one generator (the values only need to differ). */
const noise = (n: number, seed: number): Float32Array => Float32Array.from({ length: n }, mulberry32(seed));

/** 500 raters x 300 cases: 124,750 rater pairs of Cohen's kappa, seconds of synchronous work. */
function writeLargeRatings(path: string): void {
  const raters = Array.from({ length: 500 }, (_, j) => `r${j}`);
  const levels = ['Low', 'Moderate', 'High'];
  const rows = Array.from({ length: 300 }, (_, i) => `c${i},${raters.map((_, j) => levels[(i * 31 + j * 17 + ((i * j) % 5)) % 3]).join(',')}`);
  writeFileSync(path, `case_id,${raters.join(',')}\n${rows.join('\n')}\n`);
}

/** Nothing of the run is left in `dir`: not the output, not a temporary file or staging folder. */
function expectNothingWritten(dir: string, out: string): void {
  expect(existsSync(out)).toBe(false);
  expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
}

describe('SIGINT during a long command ends it within a second with exit 130 and no partial output', () => {
  jest.setTimeout(180_000);
  const scratch = useScratchDir('evalkit-sigint-');
  const expectNothingWrittenHere = (out: string) => expectNothingWritten(scratch.path, out);

  it('agreement on a large CSV (synchronous work that blocks the event loop)', async () => {
    const csv = join(scratch.path, 'large.csv');
    writeLargeRatings(csv);
    const out = join(scratch.path, 'agreement.json');
    // Interrupted 2.5 s after the start: the supervisor and the CSV are up by then, the kappas are not done.
    const r = await interrupt(['agreement', '--ratings', csv, '--out', out], null, 2_500);
    expect({ code: r.code, fast: r.ms < 1000 }).toEqual({ code: 130, fast: true });
    expectNothingWrittenHere(out);
    rmSync(csv);
  });

  it('metrics with worker threads', async () => {
    const shape = [48, 192, 192, 3];
    const n = shape.reduce((a, b) => a * b, 1);
    writeNpyFile(join(scratch.path, 'ref.npy'), { data: noise(n, 1), shape });
    writeNpyFile(join(scratch.path, 'test.npy'), { data: noise(n, 2), shape });
    const out = join(scratch.path, 'metrics.json');
    const r = await interrupt(['metrics', '--ref', join(scratch.path, 'ref.npy'), '--test', join(scratch.path, 'test.npy'), '--data-range', '1', '--metrics', 'psnr,ssim', '--threads', '2', '--out', out, '--csv', join(scratch.path, 'm.csv')], /\[metrics\] started/, 1500);
    expect({ code: r.code, fast: r.ms < 1000 }).toEqual({ code: 130, fast: true });
    expectNothingWrittenHere(out);
    expect(existsSync(join(scratch.path, 'm.csv'))).toBe(false);
    rmSync(join(scratch.path, 'ref.npy'));
    rmSync(join(scratch.path, 'test.npy'));
  });

  it('decode (no frame of the sequence appears)', async () => {
    const out = join(scratch.path, 'decoded');
    const r = await interrupt(['decode', '--model', 'zoo:turbo-vaed-hunyuan', '--width-mult', '0.25', '--height', '256', '--width', '256', '--latent-frames', '5', '--out', out], /\[decode\] started/, 1500);
    expect({ code: r.code, fast: r.ms < 1000 }).toEqual({ code: 130, fast: true });
    expectNothingWrittenHere(out);
  });

  it('bench kernels', async () => {
    const out = join(scratch.path, 'kernels.json');
    const r = await interrupt(['bench', 'kernels', '--preset', 'paper', '--out', out], /\[/, 1500);
    expect({ code: r.code, fast: r.ms < 1000 }).toEqual({ code: 130, fast: true });
    expectNothingWrittenHere(out);
  });
});

// What a service manager, `timeout` or `kill` sends: the same clean stop, with exit 143 (128 + 15).
describe('SIGTERM during a long command ends it within a second with exit 143 and no partial output', () => {
  jest.setTimeout(180_000);
  const scratch = useScratchDir('evalkit-sigterm-');

  it('agreement on a large CSV (the supervisor stops the blocked command and removes its temporary file)', async () => {
    const csv = join(scratch.path, 'large.csv');
    writeLargeRatings(csv);
    const out = join(scratch.path, 'agreement.json');
    const r = await interrupt(['agreement', '--ratings', csv, '--out', out], null, 2_500, 'SIGTERM');
    expect({ code: r.code, fast: r.ms < 1000 }).toEqual({ code: 143, fast: true });
    expectNothingWritten(scratch.path, out);
    rmSync(csv);
  });

  it('decode (no frame of the sequence appears, no staging folder is left)', async () => {
    const out = join(scratch.path, 'decoded');
    const r = await interrupt(['decode', '--model', 'zoo:turbo-vaed-hunyuan', '--width-mult', '0.25', '--height', '256', '--width', '256', '--latent-frames', '5', '--out', out], /\[decode\] started/, 1500, 'SIGTERM');
    expect({ code: r.code, fast: r.ms < 1000 }).toEqual({ code: 143, fast: true });
    expectNothingWritten(scratch.path, out);
  });
});
