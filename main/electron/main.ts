// Electron main entry: wires the real back end, the keychain and the built files into the app
// lifecycle. It must stay this thin; everything testable lives in the modules it imports.
import { fileURLToPath } from 'node:url';
import { startConnectorHost } from '../host/start-connector-host';
import { withEnvOverrides } from '../secrets/env-secret-store';
import { createKeychainSecretStore } from '../secrets/keychain-secret-store';
import { runDesktopApp } from './app-lifecycle';

void runDesktopApp({
  startConnectorHost,
  // MJSC_* variables win over the keychain and are never written to it.
  secrets: withEnvOverrides(createKeychainSecretStore(), process.env),
  preloadPath: fileURLToPath(new URL(/* @vite-ignore */ './preload.cjs', import.meta.url)),
  rendererIndexPath: fileURLToPath(new URL(/* @vite-ignore */ '../dist/renderer/index.html', import.meta.url)),
});
