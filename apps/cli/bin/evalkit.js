#!/usr/bin/env node
// Entry point of the `evalkit` command. The workspace runs from TypeScript sources: tsx compiles
// them on load, so `npm ci` alone gives a working command with no build step.
//
// The command runs in a child process watched by this small supervisor. A command busy in long
// synchronous work (parsing a huge CSV, building a graph) cannot run its own Ctrl-C handler, so
// the supervisor forwards SIGINT/SIGTERM, and if the command has not stopped within STOP_GRACE_MS
// it kills it and removes the temporary files and staging folders the command told it about:
// every command stops within a second with exit 130 (143 for SIGTERM) and nothing half-written.
'use strict';

const STOP_GRACE_MS = 600;

function runHere() {
  require('tsx/cjs');
  require('../src/main.ts')
    .main(process.argv)
    .then((code) => {
      process.exitCode = code;
    });
}

function supervise() {
  const { spawn } = require('node:child_process');
  const { rmSync } = require('node:fs');
  const { constants } = require('node:os');
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, EVALKIT_SUPERVISED: '1' },
  });
  const pending = new Set();
  child.on('message', (message) => {
    if (message === null || typeof message !== 'object' || typeof message.path !== 'string') return;
    if (message.evalkitPending === 'add') pending.add(message.path);
    else if (message.evalkitPending === 'remove') pending.delete(message.path);
  });
  let stopping = null;
  let killed = false;
  const onSignal = (signal) => {
    if (stopping !== null) return;
    stopping = signal;
    // A terminal's Ctrl-C reached the command too; a `kill` of this process did not: forward it.
    child.kill(signal);
    setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGHUP', () => onSignal('SIGTERM'));
  child.on('error', (error) => {
    process.stderr.write(`evalkit: cannot start: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const path of pending) rmSync(path, { recursive: true, force: true });
    if (stopping !== null && (killed || code === null)) {
      if (killed) process.stderr.write(`evalkit: interrupted by ${stopping}; stopped, nothing half-written\n`);
      process.exit(stopping === 'SIGINT' ? 130 : 143);
    }
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
}

if (process.env.EVALKIT_SUPERVISED === '1' || process.env.EVALKIT_NO_SUPERVISOR === '1') runHere();
else supervise();
