import { execFileSync } from 'node:child_process';
import { EVALKIT_BIN, runEvalkit } from './support/evalkit-command';

const bin = EVALKIT_BIN;
const run = (args: string[]) => runEvalkit(args, { timeout: 60_000 });

describe('evalkit command', () => {
  it('lists every registered command with a description in --help', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/Usage: evalkit/);
    expect(out).toMatch(/doctor \[options\]\s+check this machine/);
    // Subcommands of groups are listed too, each with a line of what it does.
    for (const name of ['repro', 'zoo list', 'zoo build', 'decode', 'encode', 'bench decoders', 'bench kernels', 'bench serve', 'bench browser', 'compare kernels', 'metrics', 'htp evaluate', 'agreement', 'report', 'report serve']) {
      expect(out).toMatch(new RegExp(`\\n  ${name} +\\S`));
    }
  });

  it('prints its version', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 on an unknown command', () => {
    const r = run(['no-such-command']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'no-such-command'/);
  });

  it('doctor --json prints the device fingerprint and a CPU provider that starts', () => {
    const r = run(['doctor', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const field of ['cpuModel', 'logicalCores', 'memoryBytes', 'os', 'arch', 'nodeVersion', 'onnxruntimeVersion', 'executionProvider']) {
      expect(report.device).toHaveProperty(field);
    }
    expect(report.device.logicalCores).toBeGreaterThan(0);
    expect(report.executionProviders.find((p: { name: string }) => p.name === 'cpu')).toMatchObject({ starts: true });
    expect(report.sharp.libvips).toMatch(/^\d+\.\d+/);
    expect(report).toHaveProperty('chromium');
    // either where ffmpeg is, or why video files cannot be read (naming the Debian package)
    expect(report.ffmpeg.path ?? report.ffmpeg.missing).toMatch(/ffmpeg/);
  }, 60_000);
});
