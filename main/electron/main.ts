// Electron main entry: registers app:// before ready, then loads the real back end behind a guard,
// so a module that fails to load (a native binding, a missing file) shows one dialog and exits 1.
// It must stay this thin; everything testable lives in the modules it imports.
import { fileURLToPath } from 'node:url';
import { registerAppScheme } from './app-protocol';
import { failStartUp } from './start-up-failure';

registerAppScheme();

const log = (line: string): void => void process.stderr.write(`${line}\n`);

// Top-level await: Electron emits 'ready' only after the entry module has finished evaluating, so
// these imports and runDesktopApp's before-ready calls (setPath, the single-instance lock) come first.
// runDesktopApp itself is not awaited: it waits for 'ready', which cannot come while this module waits.
try {
  const [{ runDesktopApp }, { startConnectorHost }, { withEnvOverrides }, { createKeychainSecretStore }] = await Promise.all([
    import('./app-lifecycle'),
    import('../host/start-connector-host'),
    import('../secrets/env-secret-store'),
    import('../secrets/keychain-secret-store'),
  ]);
  runDesktopApp({
    startConnectorHost,
    // MJSC_* variables win over the keychain and are never written to it.
    secrets: withEnvOverrides(createKeychainSecretStore(), process.env),
    preloadPath: fileURLToPath(new URL(/* @vite-ignore */ './preload.cjs', import.meta.url)),
    rendererRoot: fileURLToPath(new URL(/* @vite-ignore */ '../dist/renderer/', import.meta.url)),
    log,
  }).catch((error: unknown) => failStartUp(error, null, log));
} catch (error) {
  void failStartUp(error, null, log);
}
