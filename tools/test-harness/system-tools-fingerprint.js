#!/usr/bin/env node
// Prints which registered system tools this machine has (an Nx runtime input of the test targets),
// so a test result cached while chromium was missing is not replayed once it is installed.
const { execFileSync } = require('node:child_process');
const { accessSync, constants } = require('node:fs');
const { delimiter, join } = require('node:path');
const { tools } = require('./system-tools.json');

const onPath = (name) => (process.env.PATH || '').split(delimiter).some((dir) => {
  try {
    accessSync(join(dir, name), constants.X_OK);
    return true;
  } catch {
    return false;
  }
});
const python = process.env.EVALKIT_PYTHON || '/usr/bin/python3';
const modules = Object.values(tools).flatMap((t) => t.pythonModules || []);
let found = [];
try {
  const code = `import importlib.util as u\nprint(' '.join(m for m in ${JSON.stringify(modules)} if (lambda s: s is not None and s.origin not in (None, 'namespace'))(u.find_spec(m))))`;
  found = execFileSync(python, ['-c', code], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split(' ');
} catch {
  // no Debian python: every module is absent
}
const present = Object.entries(tools).map(([name, t]) => {
  const ok =
    (t.executables || []).every(onPath) &&
    (t.pythonModules || []).every((m) => found.includes(m)) &&
    (!t.chromium || Boolean(process.env.EVALKIT_CHROMIUM || process.env.CHROME_PATH) || ['chromium', 'chromium-browser', 'google-chrome'].some(onPath));
  return `${name}=${ok ? 1 : 0}`;
});
console.log(present.join(' '));
