#!/usr/bin/env node
// Launcher for the built CLI bundle; says what to do when the bundle is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-electron/mjsc.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('mjsc: the CLI is not built yet; run `npm run build` in the project folder first.\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
