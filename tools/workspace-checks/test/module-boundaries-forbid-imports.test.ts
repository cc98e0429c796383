import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** Lints `code` as if it were the file `path` in the workspace; returns the restricted-import messages. */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries from Nx tags', () => {
  jest.setTimeout(60_000);

  it('forbids a package from importing an app', async () => {
    const errors = await boundaryErrors('packages/core/src/probe.ts', "import { main } from '@evalkit/cli';\nexport const x = main;\n");
    expect(errors.join('\n')).toMatch(/libraries never import apps/);
  });

  it('forbids the metric packages from importing onnxruntime or runtime packages', async () => {
    const ort = await boundaryErrors('packages/recon-metrics/src/probe.ts', "import * as ort from 'onnxruntime-node';\nexport const x = ort;\n");
    expect(ort.join('\n')).toMatch(/imports no runtime code/);
    const rt = await boundaryErrors('packages/htp-agreement/src/io/probe.ts', "import * as r from '@evalkit/decoder-runtime';\nexport const x = r;\n");
    expect(rt.join('\n')).toMatch(/imports no runtime code/);
  });

  it('keeps sharp and the file system in io/ adapters', async () => {
    const outside = await boundaryErrors('packages/recon-metrics/src/psnr.ts', "import sharp from 'sharp';\nexport const x = sharp;\n");
    expect(outside.join('\n')).toMatch(/io\/ adapters/);
    const inside = await boundaryErrors('packages/recon-metrics/src/io/probe.ts', "import sharp from 'sharp';\nexport const x = sharp;\n");
    expect(inside).toEqual([]);
  });

  it('keeps the dev-only test harness out of production code, in packages and apps alike', async () => {
    const code = "import { assertClose } from '@evalkit/test-harness';\nexport const x = assertClose;\n";
    for (const path of ['packages/core/src/probe.ts', 'packages/recon-metrics/src/io/probe.ts', 'apps/cli/src/commands/probe.ts']) {
      expect((await boundaryErrors(path, code)).join('\n')).toMatch(/for tests only/);
    }
    expect(await boundaryErrors('packages/recon-metrics/test/probe.test.ts', code)).toEqual([]);
    expect(await boundaryErrors('apps/cli/test/probe.test.ts', code)).toEqual([]);
  });

  it('lets an app import packages', async () => {
    const errors = await boundaryErrors('apps/cli/src/probe.ts', "import { EvalkitError } from '@evalkit/core';\nexport const x = EvalkitError;\n");
    expect(errors).toEqual([]);
  });
});
