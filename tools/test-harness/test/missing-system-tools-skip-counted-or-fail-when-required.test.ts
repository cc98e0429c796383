import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// A real jest run of a sample test that needs Debian's python, with EVALKIT_PYTHON pointing at a
// missing file: the same reporter and marker every project uses.
const repo = resolve(__dirname, '../../..');
const jestBin = join(repo, 'node_modules/jest/bin/jest.js');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'evalkit-skips-'));
  // The preset names @swc/jest by package name; outside the repository it must be resolved from it.
  writeFileSync(
    join(dir, 'jest.config.js'),
    `const preset = require(${JSON.stringify(join(repo, 'jest.preset.js'))});
const [pattern, [, options]] = Object.entries(preset.transform)[0];
module.exports = { ...preset, rootDir: ${JSON.stringify(dir)}, transform: { [pattern]: [require.resolve('@swc/jest', { paths: [${JSON.stringify(repo)}] }), options] } };
`,
  );
  writeFileSync(
    join(dir, 'sample.test.ts'),
    `import { requireSystemTool } from ${JSON.stringify(join(repo, 'tools/test-harness/src'))};
const python = requireSystemTool('python3-numpy', 'python3-scipy');
python.it('computes a reference', () => expect(python.paths['python3-numpy']).toBeDefined());
python.describe('a block of references', () => { it('one', () => undefined); it('two', () => undefined); });
it('runs without python', () => expect(1).toBe(1));
`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runJest = (env: Record<string, string>) => {
  const r = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', jestBin, '--config', join(dir, 'jest.config.js'), '--ci'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, EVALKIT_REQUIRE_SYSTEM_TOOLS: '', ...env },
    timeout: 120_000,
  });
  // Under Nx jest colours its summary; compare the text.
  return { status: r.status, stderr: r.stderr.replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '') };
};

describe('requireSystemTool', () => {
  jest.setTimeout(120_000);

  it('skips a test whose tool is absent, with the reason and the Debian package, and the reporter records it', () => {
    const r = runJest({ EVALKIT_PYTHON: join(dir, 'no-python') });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Tests:\s+2 skipped, 1 passed, 3 total/);
    expect(r.stderr).toMatch(/2 system checks skipped here:/);
    expect(r.stderr).toMatch(/no-python cannot import numpy/);
    const { skips } = JSON.parse(readFileSync(join(dir, '.system-skips.json'), 'utf8'));
    expect(skips).toHaveLength(2);
    expect(skips[0]).toMatchObject({ file: 'sample.test.ts', test: 'computes a reference', tools: ['python3-numpy', 'python3-scipy'], debianPackages: ['python3-numpy', 'python3-scipy'] });
  });

  it('fails those tests instead under EVALKIT_REQUIRE_SYSTEM_TOOLS=1', () => {
    const r = runJest({ EVALKIT_PYTHON: join(dir, 'no-python'), EVALKIT_REQUIRE_SYSTEM_TOOLS: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Tests:\s+2 failed, 1 passed, 3 total/);
    expect(r.stderr).toMatch(/EVALKIT_REQUIRE_SYSTEM_TOOLS=1 but .*no-python cannot import numpy.*Debian package python3-numpy python3-scipy/);
    expect(JSON.parse(readFileSync(join(dir, '.system-skips.json'), 'utf8')).skips).toEqual([]);
  });
});
