// How `mjsc tail` and `mjsc replay` reach the running connector: the data dir from --data-dir,
// MJSC_DATA_DIR or the platform default, then its local control socket; none running is one clear line.
import { homedir } from 'node:os';
import { resolveDataDir } from '../host/default-data-dir';
import type { CliIo } from './cli-command';
import { findRunningConnector, type RunningConnector } from './running-connector';

export class NoRunningConnectorError extends Error {
  readonly code = 'connector_not_running';
  constructor(dataDir: string) {
    super(`no connector is running on ${dataDir}: start the desktop app or \`mjsc relay\` (with the same --data-dir), then try again`);
    this.name = 'NoRunningConnectorError';
  }
}

export async function connectToRunningConnector(flag: string | undefined, io: CliIo): Promise<RunningConnector> {
  const dataDir = resolveDataDir({ flag, env: io.env, platform: process.platform, homeDir: homedir() });
  const running = await findRunningConnector(dataDir);
  if (running === undefined) throw new NoRunningConnectorError(dataDir);
  return running;
}
