// Shared jest settings: swc transpiles TypeScript (type checks are `tsc` in the typecheck target).
// Dynamic import() is kept as-is so ESM-only dependencies (tinybench, vega) load natively;
// the test target therefore runs node with --experimental-vm-modules.
module.exports = {
  // Real onnxruntime sessions need the main realm's typed arrays (see jest-ort-environment.js).
  testEnvironment: require.resolve('./jest-ort-environment.js'),
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
  },
  testMatch: ['**/?(*.)test.ts'],
  // Tests check results, not speed (benchmarks measure speed): a loaded 2-core machine must not fail
  // a correct test for taking longer than jest's 5 s default.
  testTimeout: 120_000,
  // Counts tests skipped for a missing system program (requireSystemTool of @evalkit/test-harness).
  reporters: ['default', require.resolve('./tools/test-harness/system-skip-reporter.js')],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
};
