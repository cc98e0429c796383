// Lint for every project. Module boundaries are derived from each project's Nx tags
// (package.json "nx.tags"), so adding a project with tags is enough to get its rules:
//   type:lib      may not import any type:app project (packages never import apps);
//   scope:metrics may not import runtime code (onnxruntime-node, or any scope:runtime/scope:graph project);
//   layer:generic (statistics usable by any study) may not import a layer:study project;
//   only files under src/io/ (and tests) may import sharp, danfojs or node:fs;
//   no src/ file imports @evalkit/test-harness (dev-only: tests and bench scripts use it);
//   core imports no other evalkit package (every package depends on it, never the other way);
//   only media-io imports the table library danfojs (file formats have one home);
//   a CLI command never imports onnxruntime or tinybench itself: it calls the library that returns
//   the document (flags -> one library call -> print/write).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = import.meta.dirname;
const projects = ['packages', 'apps', 'tools'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((name) => existsSync(join(root, dir, name, 'package.json')))
    .map((name) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, name, 'package.json'), 'utf8'));
      return { root: `${dir}/${name}`, name: pkg.name, tags: pkg.nx?.tags ?? [] };
    }),
);
const withTag = (tag) => projects.filter((p) => p.tags.includes(tag)).map((p) => p.name);

const ioOnly = ['sharp', 'danfojs', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises'];
const runtimeModules = ['onnxruntime-node', 'onnxruntime-common', 'onnxruntime-web', ...withTag('scope:runtime'), ...withTag('scope:graph')];
const otherEvalkit = (self) => projects.map((p) => p.name).filter((name) => name !== self && name !== '@evalkit/test-harness');
const fileFormatLibraries = ['danfojs'];
const commandForbidden = [['onnxruntime-node', 'onnxruntime-web', 'tinybench'], 'A command is flags -> one library call -> print/write: running models and timing belong in a library.'];

/** Builds a no-restricted-imports rule forbidding `names` (and their subpaths) with `message`. */
function forbid(names, message) {
  return {
    paths: names.map((name) => ({ name, message })),
    patterns: names.map((name) => ({ group: [`${name}/*`], message })),
  };
}

const devOnly = [['@evalkit/test-harness'], '@evalkit/test-harness is for tests only: production code never depends on it.'];

const boundaryConfigs = projects.flatMap((p) => {
  const banned = [];
  const srcOnly = p.name === '@evalkit/test-harness' ? [] : [devOnly];
  if (p.tags.includes('type:lib')) banned.push([withTag('type:app'), `${p.name} is a library (type:lib): libraries never import apps.`]);
  if (p.tags.includes('scope:metrics')) banned.push([runtimeModules, `${p.name} is scope:metrics: metric and agreement code imports no runtime code.`]);
  if (p.tags.includes('scope:core')) banned.push([otherEvalkit(p.name), `${p.name} is scope:core: core imports no other evalkit package.`]);
  if (!p.tags.includes('scope:io') && p.tags.length > 0) banned.push([fileFormatLibraries, 'File formats have one home: read and write them through @evalkit/media-io.']);
  if (p.tags.includes('layer:generic')) banned.push([withTag('layer:study'), `${p.name} is layer:generic: statistics usable by any study import no study package.`]);
  const configs = [];
  const merged = (extra) => {
    const rule = { paths: [], patterns: [] };
    for (const [names, message] of [...banned, ...extra]) {
      const f = forbid(names, message);
      rule.paths.push(...f.paths);
      rule.patterns.push(...f.patterns);
    }
    return rule;
  };
  if (p.tags.includes('type:lib')) {
    configs.push({
      files: [`${p.root}/src/**/*.ts`],
      ignores: [`${p.root}/src/io/**`, `${p.root}/src/**/*.test.ts`],
      rules: { 'no-restricted-imports': ['error', merged([[ioOnly, 'File formats and the file system belong in src/io/ adapters.'], ...srcOnly])] },
    });
  } else if (srcOnly.length > 0) {
    configs.push({
      files: [`${p.root}/src/**/*.ts`],
      ignores: [`${p.root}/src/**/*.test.ts`],
      rules: { 'no-restricted-imports': ['error', merged(srcOnly)] },
    });
  }
  if (banned.length > 0 || srcOnly.length > 0) {
    configs.push({
      files: [`${p.root}/src/io/**/*.ts`],
      ignores: [`${p.root}/src/**/*.test.ts`],
      rules: { 'no-restricted-imports': ['error', merged(srcOnly)] },
    });
  }
  if (p.name === '@evalkit/cli') {
    configs.push({
      files: [`${p.root}/src/commands/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', merged([...srcOnly, commandForbidden])] },
    });
  }
  if (banned.length > 0) {
    configs.push({
      files: [`${p.root}/src/**/*.test.ts`, `${p.root}/test/**/*.ts`],
      rules: { 'no-restricted-imports': ['error', merged([])] },
    });
  }
  return configs;
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'reports/**', '.nx/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
    },
  },
  ...boundaryConfigs,
);
