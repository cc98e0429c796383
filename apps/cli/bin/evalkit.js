#!/usr/bin/env node
// Entry point of the `evalkit` command. The workspace runs from TypeScript sources: tsx compiles
// them on load, so `npm ci` alone gives a working command with no build step.
require('tsx/cjs');
require('../src/main.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
