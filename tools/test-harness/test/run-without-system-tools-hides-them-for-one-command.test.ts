import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import registry from '../system-tools.json';

const script = resolve(__dirname, '../run-without-system-tools.sh');
const fingerprint = resolve(__dirname, '../system-tools-fingerprint.js');
const seen = () => spawnSync(process.execPath, [fingerprint], { encoding: 'utf8' }).stdout.trim();

// The script needs root (unshare -m, mount --bind); as another user it only refuses, which is checked instead.
const asRoot = process.getuid?.() === 0;

describe('run-without-system-tools.sh', () => {
  jest.setTimeout(120_000);

  (asRoot ? it : it.skip)('hides every registered tool from the command it runs, and from nothing else', () => {
    const before = seen();
    const r = spawnSync(script, [process.execPath, fingerprint], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    // Every entry of system-tools.json, each absent for the command (the fingerprint is the tests' view).
    const names = Object.keys(registry.tools);
    expect(r.stdout.trim()).toBe(names.map((n) => `${n}=0`).join(' '));
    expect(r.stderr).toMatch(/hidden for this command: /);
    // The mounts were private to that command.
    expect(seen()).toBe(before);
  });

  (asRoot ? it.skip : it)('refuses to run without root, saying why (exit 2)', () => {
    const r = spawnSync(script, ['true'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs root/);
  });
});
