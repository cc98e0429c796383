import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(__dirname, '../bin/evalkit.js');

describe('evalkit bench serve', () => {
  it('on 0.0.0.0 prints token URLs and a QR code, answers the plan only with the token, and stops on Ctrl-C writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evalkit-serve-cli-'));
    const out = join(dir, 'run');
    const child = spawn(process.execPath, [bin, 'bench', 'serve', '--out', out, '--host', '0.0.0.0', '--port', '0', '--no-decoders'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      await new Promise<void>((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no URL printed: ${stdout} ${stderr}`)), 90_000);
        child.stdout.on('data', () => {
          if (/Ctrl-C stops/.test(stdout)) {
            clearTimeout(timer);
            res();
          }
        });
      });
      const local = /on this machine: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{22}))/.exec(stdout);
      expect(local).not.toBeNull();
      const [, url, port, token] = local!;
      // A QR code (half-block characters) is printed for the first network URL when there is one.
      if (/on the network:/.test(stdout)) expect(stdout).toMatch(/[█▀▄]{10,}/);
      expect((await fetch(`http://127.0.0.1:${port}/api/plan`)).status).toBe(403);
      const plan = await fetch(url.replace('/?', '/api/plan?'));
      expect(plan.status).toBe(200);
      expect(((await plan.json()) as { kernels: { preset: string } }).kernels.preset).toBe('smoke');
      expect(token).toHaveLength(22);
      child.kill('SIGINT');
      const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(/0 document\(s\) written/);
      expect(() => readdirSync(out)).toThrow();
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
