import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readResultDocument, type ResultDocument } from '@evalkit/core';
import { requireSystemTool } from '@evalkit/test-harness';
import { EVALKIT_BIN, runEvalkit } from './support/evalkit-command';

const bin = EVALKIT_BIN;
const recon = resolve(__dirname, '../../../fixtures/recon');
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => runEvalkit(args, { timeout: 120_000, env });
const reference = JSON.parse(readFileSync(join(recon, 'reference-values.json'), 'utf8')) as { pairs: { ref: string; test: string; psnr: number }[] };

/** The parts of a document that a run's settings and inputs decide (the manifest records when and how it ran). */
const body = (doc: ResultDocument) => JSON.stringify({ schema: doc.schema, config: doc.config, results: doc.results, summary: doc.summary });

describe('evalkit metrics on a dataset, and evalkit merge', () => {
  jest.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'evk-dataset-cli-'));
  const manifest = join(dir, 'pairs.csv');
  const lines = reference.pairs.slice(0, 9).map((p, i) => `v${i},${join(recon, p.ref)},${join(recon, p.test)}`);
  writeFileSync(join(dir, 'broken.png'), 'not a png');
  writeFileSync(manifest, `id,ref,test\n${lines.join('\n')}\nbroken,${join(recon, 'images/camera-ref.png')},broken.png\n`);

  it('writes one row per video, the failed input listed, and 3 merged shards equal the whole run', () => {
    const whole = join(dir, 'whole.json');
    const r = run(['metrics', '--manifest', manifest, '--out', whole, '--workers', '2']);
    expect(r.stderr).toMatch(/\[videos\] done/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/10 videos: 9 evaluated, 1 failed/);
    expect(r.stdout).toMatch(/broken: .*broken\.png: cannot decode image/);
    const doc = readResultDocument(whole);
    expect(doc.schema).toBe('evalkit/recon-dataset@1');
    const v0 = doc.results.find((row) => row.id === 'v0') as { metrics: { psnr: number } };
    expect(Math.abs(v0.metrics.psnr - reference.pairs[0].psnr)).toBeLessThan(1e-9);
    expect(existsSync(`${whole}.partial.jsonl`)).toBe(false);

    const parts = [0, 1, 2].map((i) => join(dir, `part-${i}.json`));
    parts.forEach((part, i) => expect(run(['metrics', '--manifest', manifest, '--shard', `${i}/3`, '--out', part, '--workers', '1']).status).toBe(0));
    const merged = join(dir, 'merged.json');
    const m = run(['merge', parts[2], parts[0], parts[1], '--out', merged]);
    expect(m.stderr).toBe('');
    expect(m.status).toBe(0);
    expect(body(readResultDocument(merged))).toBe(body(doc));

    const gap = run(['merge', parts[0], parts[2], '--out', join(dir, 'gap.json')]);
    expect(gap.status).toBe(1);
    expect(gap.stderr).toMatch(/gap: shard 1\/3 missing/);
    expect(existsSync(join(dir, 'gap.json'))).toBe(false);
  });

  it.each([
    [['--manifest', 'pairs.csv'], /--out.*a dataset run writes its document/],
    [['--manifest', 'pairs.csv', '--ref', 'x.png', '--out', 'o.json'], /--ref\/--test name one pair/],
    [['--manifest', 'pairs.csv', '--shard', '3/3', '--out', 'o.json'], /field "--shard", value "3\/3"/],
    [['--ref-dir', 'a', '--out', 'o.json'], /--ref-dir and --test-dir go together/],
    [['--ref', 'a.png', '--test', 'b.png', '--shard', '0/2'], /field "--shard".*applies to datasets/],
  ])('refuses %j as a usage error (exit 2)', (args, message) => {
    const r = spawnSync(process.execPath, [bin, 'metrics', ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
  });

  it('says which Debian package to install when a video file needs ffmpeg and there is none', () => {
    writeFileSync(join(dir, 'a.mp4'), 'x');
    // PATH holds node only (node often lives in /usr/bin beside ffmpeg: link it alone)
    const nodeOnly = join(dir, 'node-only');
    mkdirSync(nodeOnly);
    symlinkSync(process.execPath, join(nodeOnly, 'node'));
    const env = { ...process.env, PATH: nodeOnly, EVALKIT_FFMPEG: '' };
    const r = run(['metrics', '--ref', join(dir, 'a.mp4'), '--test', join(dir, 'a.mp4')], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ffmpeg is not on PATH.*install the Debian package "ffmpeg"/);
    const d = run(['decode', '--latents', 'random', '--height', '16', '--width', '16', '--latent-frames', '2', '--format', 'mp4', '--out', join(dir, 'mp4-out')], env);
    expect(d.status).toBe(1);
    expect(d.stderr).toMatch(/install the Debian package "ffmpeg"/);
    expect(existsSync(join(dir, 'mp4-out'))).toBe(false);
  });

  requireSystemTool('ffmpeg').it('decode --format mp4 writes the frames PNG would hold (lossless) or an H.264 4:2:0 file (--crf)', () => {
    const common = ['decode', '--latents', 'random', '--height', '64', '--width', '64', '--latent-frames', '2', '--seed', '3'];
    expect(run([...common, '--out', join(dir, 'png')]).status).toBe(0);
    const lossless = run([...common, '--format', 'mp4', '--fps', '30000:1001', '--out', join(dir, 'mp4')]);
    expect(lossless.stderr).not.toMatch(/error/);
    expect(lossless.status).toBe(0);
    const doc = readResultDocument(join(dir, 'mp4', 'decode.json'));
    expect(doc.config.video).toEqual({ codec: 'libx264rgb', pixelFormat: 'rgb24', crf: null, lossless: true, fps: '30000/1001' });
    const m = run(['metrics', '--ref', join(dir, 'png'), '--test', join(dir, 'mp4', 'video.mp4'), '--json']);
    expect(m.status).toBe(0);
    const scored = JSON.parse(m.stdout);
    expect(scored.perVideo[0].frames).toBe(5);
    expect(scored.mean.psnr).toBe('Infinity');
    expect(scored.config.media[0].test).toMatchObject({ codec: 'h264', frames: 5, frameRate: '30000/1001', width: 64, height: 64 });
    expect(run([...common, '--format', 'mp4', '--crf', '23', '--out', join(dir, 'crf')]).status).toBe(0);
    expect(readResultDocument(join(dir, 'crf', 'decode.json')).config.video).toMatchObject({ codec: 'libx264', pixelFormat: 'yuv420p', crf: 23 });
    expect(run([...common, '--crf', '23', '--out', join(dir, 'png-crf')]).status).toBe(2);
  });
});
