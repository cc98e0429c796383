import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useFixtureRuns } from '../../report/test/fixtures/build-fixture-runs';
import { EVALKIT_BIN, runEvalkit } from './support/evalkit-command';

const bin = EVALKIT_BIN;
const run = (args: string[]) => runEvalkit(args, { timeout: 60_000 });

describe('evalkit report', () => {
  jest.setTimeout(60_000);
  const fixture = useFixtureRuns('evalkit-cli-report-');

  it('--help shows both forms with examples', () => {
    const help = run(['report', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/evalkit report reports\/run-laptop reports\/run-phone --out reports\/compare/);
    expect(help.stdout).toMatch(/serve \[options\] <dir>/);
  });

  it('renders two run folders side by side and prints what it wrote as JSON', () => {
    const out = join(fixture.root, 'report');
    const r = run(['report', fixture.runs.laptop, fixture.runs.phone, '--out', out, '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.series).toEqual(['Intel Xeon @ 2.20GHz', 'Apple M2']);
    expect(result.figures).toHaveLength(9);
    expect(result.missingSections).toEqual([]);
    expect(result.unknownDocuments.map((d: { kind: string }) => d.kind)).toEqual(['energy-probe']);
    for (const f of result.figures) for (const path of Object.values(f.files)) expect(existsSync(path as string)).toBe(true);
    const written = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(written.manifest.tool).toBe('evalkit report');
    expect(written.manifest.command).toEqual(['evalkit', 'report', fixture.runs.laptop, fixture.runs.phone, '--out', out, '--json']);
  });

  it('prints a human summary naming absent sections', () => {
    const r = run(['report', fixture.runs.phone, '--out', join(fixture.root, 'phone'), '--no-png']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/absent sections \(no documents of these kinds\): zoo-sizes, htp-consistency, agreement/);
    expect(r.stdout).toMatch(/figures\/decoder-fps\.\{vl\.json,svg\}/);
    expect(existsSync(join(fixture.root, 'phone', 'figures', 'decoder-fps.png'))).toBe(false);
  });

  it('exits 1 naming the file and field of an invalid document, writing nothing', () => {
    const bad = join(fixture.root, 'bad');
    const out = join(fixture.root, 'bad-report');
    const doc = JSON.parse(readFileSync(join(fixture.runs.laptop, 'agreement.json'), 'utf8'));
    doc.results[1].value = null;
    mkdirSync(bad);
    writeFileSync(join(bad, 'agreement.json'), JSON.stringify(doc));
    const r = run(['report', bad, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`evalkit: error [EVK_INVALID_DOCUMENT] ${join(bad, 'agreement.json')}, field "results[1].value", value null`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 without a run folder', () => {
    expect(run(['report']).status).toBe(2);
  });

  it('serve answers on 127.0.0.1 and stops on SIGINT', async () => {
    const out = join(fixture.root, 'served');
    expect(run(['report', fixture.runs.phone, '--out', out, '--no-png']).status).toBe(0);
    const child = spawn(process.execPath, [bin, 'report', 'serve', out, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
          if (m) resolveUrl(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>evalkit report</title>');
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  });
});
