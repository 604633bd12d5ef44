// TEMPORARY PLACEHOLDER (written by the Electron-shell helper so main/electron/main.ts compiles):
// the real startConnectorHost belongs here and replaces this whole file.
import type { StartConnectorHost } from './connector-host';

export const startConnectorHost: StartConnectorHost = async () => {
  throw new Error('connector host not built yet');
};
