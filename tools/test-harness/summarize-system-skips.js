#!/usr/bin/env node
// The closing line of `npm test`: how many tests were skipped for a missing system program, over
// every project, and the Debian packages that would run them ("3 system checks skipped: chromium,
// texlive-latex-recommended"). Reads each project's .system-skips.json (system-skip-reporter.js).
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '../..');
// Project folders given as arguments (e.g. packages/media-io) limit the count to them, so one
// project's line can be checked (run-without-system-tools.sh); none means every project.
const only = process.argv.slice(2).map((p) => resolve(p));
const projects = only.length > 0 ? only : ['packages', 'apps', 'tools'].flatMap((group) => readdirSync(join(root, group)).sort().map((name) => join(root, group, name)));
let count = 0;
const packages = new Set();
for (const project of projects) {
  const file = join(project, '.system-skips.json');
  if (!existsSync(file)) continue;
  const { skips } = JSON.parse(readFileSync(file, 'utf8'));
  count += skips.length;
  for (const s of skips) for (const p of s.debianPackages) packages.add(p);
}
const list = [...packages].sort();
console.log(`${count} system check${count === 1 ? '' : 's'} skipped${list.length ? `: ${list.join(', ')}` : ''}`);
