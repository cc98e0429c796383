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
    const rt = await boundaryErrors('packages/htp/src/io/probe.ts', "import * as r from '@evalkit/decoder-runtime';\nexport const x = r;\n");
    expect(rt.join('\n')).toMatch(/imports no runtime code/);
    const agreementOrt = await boundaryErrors('packages/agreement/src/probe.ts', "import * as ort from 'onnxruntime-node';\nexport const x = ort;\n");
    expect(agreementOrt.join('\n')).toMatch(/@evalkit\/agreement is scope:metrics: metric and agreement code imports no runtime code/);
  });

  it('keeps the generic agreement statistics free of the HTP study, which may use them', async () => {
    const up = await boundaryErrors('packages/agreement/src/probe.ts', "import { evaluateStudy } from '@evalkit/htp';\nexport const x = evaluateStudy;\n");
    expect(up.join('\n')).toMatch(/layer:generic: statistics usable by any study import no study package/);
    const down = await boundaryErrors('packages/htp/src/probe.ts', "import { cohenKappa } from '@evalkit/agreement';\nexport const x = cohenKappa;\n");
    expect(down).toEqual([]);
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

  it('forbids core from importing any other evalkit package (everything depends on core, never the reverse)', async () => {
    for (const [path, name] of [
      ['packages/core/src/probe.ts', '@evalkit/media-io'],
      ['packages/core/src/io/probe.ts', '@evalkit/decoder-zoo'],
      ['packages/core/test/probe.test.ts', '@evalkit/report'],
    ]) {
      expect((await boundaryErrors(path, `import * as m from '${name}';\nexport const x = m;\n`)).join('\n')).toMatch(/core imports no other evalkit package|libraries never import apps/);
    }
    expect(await boundaryErrors('packages/media-io/src/probe.ts', "import { EvalkitError } from '@evalkit/core';\nexport const x = EvalkitError;\n")).toEqual([]);
  });

  it('keeps onnxruntime-web out of the metric and agreement packages too', async () => {
    const errors = await boundaryErrors('packages/agreement/src/probe.ts', "import * as ort from 'onnxruntime-web';\nexport const x = ort;\n");
    expect(errors.join('\n')).toMatch(/imports no runtime code/);
  });

  it('gives the table library one home: media-io', async () => {
    const code = "import * as dfd from 'danfojs';\nexport const x = dfd;\n";
    for (const path of ['packages/recon-metrics/src/io/probe.ts', 'packages/htp/src/io/probe.ts', 'packages/agreement/src/io/probe.ts', 'apps/report/src/io/probe.ts']) {
      expect((await boundaryErrors(path, code)).join('\n')).toMatch(/through @evalkit\/media-io/);
    }
    expect(await boundaryErrors('packages/media-io/src/io/probe.ts', code)).toEqual([]);
  });

  it('keeps CLI commands thin: no onnxruntime or tinybench in a command', async () => {
    for (const name of ['onnxruntime-node', 'tinybench']) {
      const errors = await boundaryErrors('apps/cli/src/commands/probe.ts', `import * as m from '${name}';\nexport const x = m;\n`);
      expect(errors.join('\n')).toMatch(/one library call/);
    }
    // the test harness stays banned in commands as everywhere in src
    expect((await boundaryErrors('apps/cli/src/commands/probe.ts', "import { assertClose } from '@evalkit/test-harness';\nexport const x = assertClose;\n")).join('\n')).toMatch(/for tests only/);
  });

  it('lets an app import packages', async () => {
    const errors = await boundaryErrors('apps/cli/src/probe.ts', "import { EvalkitError } from '@evalkit/core';\nexport const x = EvalkitError;\n");
    expect(errors).toEqual([]);
  });
});
