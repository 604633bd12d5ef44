// A stand-in for Electron's downloaded dist folder (no Electron binary can be downloaded here): one
// executable named `electron` that holds the fuse sentinel and a V1 wire with Electron's defaults, so
// electron-builder can package it and @electron/fuses can flip and read its fuses.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { SENTINEL } = require('@electron/fuses/dist/constants.js');

/** Electron 45's defaults, in wire order: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on. */
const DEFAULT_WIRE = '10110001';

export function writeStubElectronDist(dir) {
  mkdirSync(dir, { recursive: true });
  const script = '#!/bin/sh\necho "stub Electron: packaging check only, this cannot run the app" >&2\nexit 1\n';
  const wire = Buffer.concat([Buffer.from(`${script}# `), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE), Buffer.from('\n')]);
  const executable = join(dir, 'electron');
  writeFileSync(executable, wire);
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'version'), '45.5.0');
  return dir;
}
