#!/usr/bin/env node
// `npm start` (after the build): launch the Electron app, or, where it cannot start (no binary, no
// display), say why in one line and run `mjsc relay` instead. Never both; never silently. It stops its
// child (and waits for it) on a signal, or when npm goes away, so no relay is left holding the ports.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { planLaunch } from './launch-plan.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** The electron package exports its binary's path, and throws when the download was skipped. */
function findElectronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

const electronBinary = findElectronBinary();
const plan = planLaunch({
  electronBinary,
  binaryExists: electronBinary !== null && existsSync(electronBinary),
  platform: process.platform,
  env: process.env,
  args: process.argv.slice(2),
  nodePath: process.execPath,
});
if (plan.kind === 'relay') process.stderr.write(`${plan.message}\n`);

const child = spawn(plan.command, plan.args, { cwd: projectRoot, stdio: 'inherit' });

// A closed terminal or IDE pipe must not crash this process before its child has stopped.
process.stderr.on('error', () => undefined);

let stopping = false;
/** Asks the child to stop once; the 'exit' handler below exits with its code when it has. */
function stopChild(signal) {
  if (stopping || child.exitCode !== null || child.signalCode !== null) return;
  stopping = true;
  child.kill(signal);
}

// A Ctrl-C in a terminal already reaches the child (same process group); forwarding it too would
// deliver it twice and could turn a graceful stop into a forced one.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    stopChild(signal);
  });
}

// npm runs this through `sh -c`, and on SIGTERM (an IDE's stop button, a process manager) it signals
// only that shell, which dies without passing it on: we learn of it when our parent changes.
const parentAtStart = process.ppid;
setInterval(() => {
  if (process.ppid === parentAtStart || stopping) return;
  process.stderr.write('npm start: the process that started this one went away; stopping the connector.\n');
  stopChild('SIGTERM');
}, 250).unref();
child.on('error', (error) => {
  process.stderr.write(`npm start: could not run ${plan.command}: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
});
