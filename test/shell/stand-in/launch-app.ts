// Child-process entry for test/shell: maps `electron` to the stand-in, imports the app's BUILT entry
// (package.json "main" under the app dir), emits `ready` only once that module has finished loading,
// then answers the test's commands. Usage: node --import tsx launch-app.ts <app dir>
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const standInUrl = new URL('./electron-stand-in.ts', import.meta.url).href;
register(new URL('./electron-resolve-hook.mjs', import.meta.url), { data: { standInUrl } });

const { app } = await import('./stand-in-app');
const { report, serveCommands } = await import('./stand-in-report');
const { runCommand } = await import('./stand-in-commands');

// Electron shows an uncaught main-process exception in a dialog; the test counts dialogs.
process.on('uncaughtException', (error) => report({ event: 'dialog', title: 'A JavaScript error occurred in the main process', message: error.message }));
process.on('unhandledRejection', (reason) => report({ event: 'stand-in-error', message: `unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}` }));

const appDir = process.argv[2];
if (!appDir) throw new Error('usage: launch-app.ts <app dir>');
const { main } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main: string };
try {
  await import(pathToFileURL(join(appDir, main)).href);
} catch (error) {
  report({ event: 'dialog', title: 'A JavaScript error occurred in the main process', message: error instanceof Error ? error.message : String(error) });
}
app.markReady(appDir);
serveCommands(runCommand);
