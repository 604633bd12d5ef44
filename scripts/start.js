#!/usr/bin/env node
// PLACEHOLDER (electron-shell agent replaces): launch Electron, else fall back to `mjsc relay`.
process.stderr.write('Electron cannot start here; the headless relay is not built yet.\n');
process.exit(1);
