// Where a running connector serves its control API for local tools (`mjsc tail`, `mjsc replay`,
// `mjsc backfill`): a unix socket in the data dir, or on Windows a named pipe derived from it.
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';

export const CONTROL_SOCKET_NAME = 'control.sock';

export function controlSocketPath(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    // Named pipes live in their own namespace; a hash of the data dir keeps one pipe per connector.
    const digest = createHash('sha256').update(resolve(dataDir).toLowerCase()).digest('hex').slice(0, 24);
    return `\\\\.\\pipe\\mailjet-segment-connector-${digest}`;
  }
  return join(dataDir, CONTROL_SOCKET_NAME);
}
