import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResultDocument } from '@evalkit/core';
import { EVALKIT_BIN, runEvalkit } from './support/evalkit-command';

const bin = EVALKIT_BIN;
const run = (args: string[]) => runEvalkit(args, { timeout: 120_000, env: { ...process.env, CI: 'true' } });

/** A profile file for a fast run of the steps given. */
function profileFile(dir: string, steps: string[], extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'profile.json');
  writeFileSync(path, JSON.stringify({ name: 'test', steps, htp: { bootstrap: 200 }, ...extra }));
  return path;
}

function runFolder(out: string): string {
  const dirs = readdirSync(out).filter((d) => d.startsWith('test-'));
  expect(dirs).toHaveLength(1);
  return join(out, dirs[0]);
}

/** Every file below `dir`, recursively. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** A result document with the run-dependent parts (times, timings) removed. */
function stable(path: string): unknown {
  const doc = readResultDocument(path);
  const { startedAt: _s, finishedAt: _f, ...manifest } = doc.manifest;
  return { ...doc, manifest };
}

describe('evalkit repro', () => {
  jest.setTimeout(180_000);

  it('rejects an invalid profile file naming the file, field and value, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-repro-'));
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ decoders: { height: -4 } }));
    const r = run(['repro', '--profile', path, '--out', join(dir, 'out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(path);
    expect(r.stderr).toMatch(/field "decoders\.height", value -4/);
    expect(existsSync(join(dir, 'out'))).toBe(false);

    writeFileSync(path, JSON.stringify({ steps: ['zoo-sizes', 'teleport'] }));
    expect(run(['repro', '--profile', path, '--out', join(dir, 'out')]).stderr).toMatch(/field "steps\[1\]", value "teleport"/);
    writeFileSync(path, '{"seed": ');
    expect(run(['repro', '--profile', path]).stderr).toMatch(/not valid JSON/);
    expect(run(['repro', '--profile', join(dir, 'missing.json')]).stderr).toMatch(/no such profile file/);
  });

  it('skips finished steps on a rerun, recomputes them with --force, and gives the same documents for the same seed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-repro-'));
    const out = join(dir, 'out');
    const profile = profileFile(dir, ['zoo-sizes', 'htp']);
    const first = run(['repro', '--profile', profile, '--out', out]);
    expect(first.status).toBe(0);
    const runDir = runFolder(out);
    for (const f of ['zoo-sizes.json', 'htp/htp-consistency.json', 'htp/agreement.json', 'index.html']) expect(existsSync(join(runDir, f))).toBe(true);
    expect(first.stdout).toMatch(/Report: .*index\.html/);
    // The summary opens by saying what the profile ran.
    expect(first.stdout.split('\n')[0]).toBe('Profile test: a custom profile: HTP: 200 bootstrap resamples.');
    expect(first.stdout).toMatch(/High\s+71\.03 \(71\.03\)/);
    const before = stable(join(runDir, 'htp/htp-consistency.json'));
    const mtime = statSync(join(runDir, 'zoo-sizes.json')).mtimeMs;

    const second = run(['repro', '--profile', profile, '--out', out]);
    expect(second.status).toBe(0);
    expect(second.stderr.match(/skipped: results for this configuration exist/g)).toHaveLength(2);
    expect(statSync(join(runDir, 'zoo-sizes.json')).mtimeMs).toBe(mtime);

    const forced = run(['repro', '--profile', profile, '--out', out, '--force']);
    expect(forced.status).toBe(0);
    expect(forced.stderr).not.toMatch(/skipped/);
    expect(statSync(join(runDir, 'zoo-sizes.json')).mtimeMs).toBeGreaterThan(mtime);
    // Same seed: identical documents apart from the manifest's times (bootstrap intervals included).
    expect(stable(join(runDir, 'htp/htp-consistency.json'))).toEqual(before);

    // Another seed is another configuration: another run folder.
    expect(run(['repro', '--profile', profile, '--out', out, '--seed', '7']).status).toBe(0);
    expect(readdirSync(out).filter((d) => d.startsWith('test-'))).toHaveLength(2);
  });

  it('stops on Ctrl-C keeping finished steps, with nothing half-written, and resumes after them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-repro-'));
    const out = join(dir, 'out');
    const profile = profileFile(dir, ['zoo-sizes', 'kernel-bench', 'htp'], { kernels: { preset: 'smoke', timeBudgetMs: 400 } });
    const child = spawn(process.execPath, [bin, 'repro', '--profile', profile, '--out', out], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: 'true' } });
    let stderr = '';
    await new Promise<void>((ok, fail) => {
      child.stderr.on('data', (d) => {
        stderr += d.toString();
        if (/\[1\/3 [^\]]*\] done/.test(stderr)) ok();
      });
      child.once('exit', () => fail(new Error(`repro exited before step 1 finished:\n${stderr}`)));
    });
    await new Promise((ok) => setTimeout(ok, 1500)); // inside the kernel benchmark
    child.kill('SIGINT');
    const code = await new Promise<number | null>((ok) => child.once('exit', (c) => ok(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted by SIGINT: finished steps are kept/);
    const runDir = runFolder(out);
    const files = allFiles(runDir);
    expect(files.filter((f) => /\.tmp-/.test(f))).toEqual([]);
    // Every JSON left behind is whole.
    for (const f of files.filter((p) => p.endsWith('.json'))) expect(() => JSON.parse(readFileSync(f, 'utf8'))).not.toThrow();
    expect(readResultDocument(join(runDir, 'zoo-sizes.json')).results.length).toBeGreaterThan(0);
    expect(existsSync(join(runDir, 'htp/htp-consistency.json'))).toBe(false);

    const resumed = run(['repro', '--profile', profile, '--out', out]);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/\[1\/3 [^\]]*\] skipped/);
    expect(resumed.stderr).toMatch(/\[3\/3 [^\]]*\] done/);
    expect(existsSync(join(runDir, 'index.html'))).toBe(true);
  });
});
