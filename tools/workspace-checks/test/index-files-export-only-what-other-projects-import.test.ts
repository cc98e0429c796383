import { ALLOWED_UNUSED_EXPORTS } from './support/allowed-exports';
import { exportedNames, namesImportedFromOutside, publicFaces } from './support/public-faces';

// Small public faces: each project's index.ts (and any other entry its package.json exports) names
// what other projects import; a project's own tests reach its internals by path.
describe('public faces', () => {
  jest.setTimeout(60_000);
  const faces = publicFaces();
  const used = namesImportedFromOutside(faces);

  it('finds every library entry point and the names it exports', () => {
    const specifiers = faces.map((f) => f.specifier);
    for (const name of ['@evalkit/core', '@evalkit/media-io', '@evalkit/bench', '@evalkit/bench/statistics', '@evalkit/recon-metrics', '@evalkit/agreement']) expect(specifiers).toContain(name);
    expect(faces.find((f) => f.specifier === '@evalkit/core')!.exports).toEqual(expect.arrayContaining(['EvalkitError', 'parseResultDocument']));
  });

  it.each(faces.map((f) => [f.specifier, f]))('%s exports only names another project imports (or the allow-list keeps)', (specifier, face) => {
    const allowed = new Set((ALLOWED_UNUSED_EXPORTS[specifier] ?? []).map((a) => a.name));
    const unused = face.exports.filter((n) => !used.get(specifier)!.has(n) && !allowed.has(n));
    expect(unused).toEqual([]);
  });

  it('keeps no allow-listed name that is not exported or that another project imports after all', () => {
    const stale: string[] = [];
    for (const [specifier, allowed] of Object.entries(ALLOWED_UNUSED_EXPORTS)) {
      const face = faces.find((f) => f.specifier === specifier);
      for (const { name, why } of allowed) {
        expect(why.length).toBeGreaterThan(20);
        if (!face || !face.exports.includes(name) || used.get(specifier)!.has(name)) stale.push(`${specifier} ${name}`);
      }
    }
    expect(stale).toEqual([]);
  });
});

describe('the check itself', () => {
  it('follows export lists and `export *` into the files they name', () => {
    // core's schemas/index.ts re-exports its kinds with `export *`; core's own index names a few.
    const names = exportedNames(`${__dirname}/../../../packages/core/src/schemas/index.ts`);
    expect(names).toEqual(expect.arrayContaining(['numberValue', 'decoderBenchKind', 'RESULT_KIND_DEFINITIONS']));
  });

  it('counts a name as used only when a file outside the exporting project imports it', () => {
    const used = namesImportedFromOutside(publicFaces());
    // parseResultDocument is read by the report and the CLI; assertClose by every package's tests.
    expect(used.get('@evalkit/core')!.has('parseResultDocument')).toBe(true);
    expect(used.get('@evalkit/test-harness')!.has('assertClose')).toBe(true);
    // A name only the project's own files use is not: the CLI's index is imported by nothing.
    expect(used.get('@evalkit/cli')!.size).toBe(0);
  });
});
