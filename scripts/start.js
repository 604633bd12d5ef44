#!/usr/bin/env node
// `npm start` (after the build): launch the Electron app, or, where it cannot start (no binary, no
// display), say why in one line and run `mjsc relay` instead. Never both; never silently.
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

// A Ctrl-C in a terminal already reaches the child (same process group); forwarding it too would
// deliver it twice and could turn a graceful stop into a forced one.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  process.stderr.write(`npm start: could not run ${plan.command}: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
});
