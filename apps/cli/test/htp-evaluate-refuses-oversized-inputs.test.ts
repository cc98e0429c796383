import { existsSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useScratchDir } from '@evalkit/test-harness';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 60_000 });
const repo = resolve(__dirname, '../../..');
const study = join(repo, 'fixtures/htp/synthetic-study');

// Oversized files are sparse (truncate), so the test costs no disk and no reading: the limits
// must be checked from the file's size before anything is read.
describe('htp evaluate refuses inputs above its limits before reading them, and writes nothing', () => {
  jest.setTimeout(60_000);
  const scratch = useScratchDir('evalkit-htp-limits-');

  const evaluate = (outputs: string, labels: string, extra: string[] = []) => {
    const out = join(scratch.path, `out-${Math.random().toString(36).slice(2)}`);
    const r = run(['htp', 'evaluate', '--outputs', outputs, '--labels', labels, '--bootstrap', '0', '--out', out, ...extra]);
    return { ...r, wrote: existsSync(out) };
  };

  it('a reports file above 512 MiB is an input error naming the file, its size and the limit', () => {
    const big = join(scratch.path, 'huge.jsonl');
    writeFileSync(big, '');
    truncateSync(big, 512 * 2 ** 20 + 1);
    const r = evaluate(big, join(study, 'labels.csv'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`evalkit: error [EVK_INVALID_INPUT] ${big}, field "size", value ${512 * 2 ** 20 + 1}: ${512 * 2 ** 20 + 1} bytes is above the limit of ${512 * 2 ** 20} bytes for a reports file`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.wrote).toBe(false);
  });

  it('one report file above 16 MiB in a folder of reports is refused naming that file', () => {
    const folder = join(scratch.path, 'reports');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.json'), '{}');
    const big = join(folder, 'b.json');
    writeFileSync(big, '');
    truncateSync(big, 16 * 2 ** 20 + 1);
    const r = evaluate(folder, join(study, 'labels.csv'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${big}, field "size", value ${16 * 2 ** 20 + 1}: ${16 * 2 ** 20 + 1} bytes is above the limit of ${16 * 2 ** 20} bytes for one report file`);
    expect(r.wrote).toBe(false);
  });

  it('a label file with 501 raters is refused naming the count and the limit of 500', () => {
    const labels = join(scratch.path, 'wide.csv');
    const raters = Array.from({ length: 501 }, (_, j) => `r${j}`);
    writeFileSync(labels, `case_id,${raters.join(',')}\nc1,${raters.map(() => 'High').join(',')}\n`);
    const r = evaluate(join(study, 'outputs.jsonl'), labels);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${labels}, field "raters", value 501: 501 raters is above the limit of 500`);
    expect(r.wrote).toBe(false);
  });

  it('--bootstrap above 1,000,000 resamples is a usage error (exit 2) naming the limit', () => {
    const r = evaluate(join(study, 'outputs.jsonl'), join(study, 'labels.csv'), ['--bootstrap', '1000001']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--bootstrap.*1000001 resamples is above the limit of 1000000/);
    expect(r.wrote).toBe(false);
  });
});
