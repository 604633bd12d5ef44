// Where `mjsc backfill` sends its import: the connector already running on the data dir (desktop app or
// `mjsc relay`, which then does the work), or else a connector this command starts on the data dir
// itself (taking its lock, relay on a free loopback port) and stops when the import ends.
import { Writable } from 'node:stream';
import type { ConnectorApi } from '../../shared/api';
import { startConnectorHost } from '../host/start-connector-host';
import { createLogger } from '../logging/logger';
import { DataDirInUseError } from '../storage/data-dir-lock';
import type { CliIo } from './cli-command';
import { chooseSecretStore } from './relay-command';
import type { RunningConnector } from './running-connector';

export type BackfillCalls = Pick<ConnectorApi, 'startBackfill' | 'getBackfill' | 'cancelBackfill' | 'getStatus'>;

export interface BackfillTarget {
  calls: BackfillCalls;
  /** 'running': another process does the work and keeps it going if this command stops. */
  mode: 'running' | 'standalone';
  close(): Promise<void>;
}

export type FindRunningConnector = (dataDir: string) => Promise<RunningConnector | undefined>;

export async function openBackfillTarget(dataDir: string, io: CliIo, findRunning: FindRunningConnector): Promise<BackfillTarget> {
  const running = await findRunning(dataDir);
  if (running !== undefined) return overRunning(running);
  const secrets = await chooseSecretStore(io);
  const logger = createLogger({ level: io.env.MJSC_LOG_LEVEL ?? 'warn', destination: stderrLines(io) });
  const host = await startConnectorHost({ dataDir, port: 0, secrets, env: io.env, logger }).catch((error: unknown) => {
    if (!(error instanceof DataDirInUseError)) throw error;
    throw Object.assign(
      new Error(`${error.message} mjsc backfill could not reach that connector; quit it and run the command again, or import from its window (Import history).`),
      { code: 'backfill_connector_unreachable' },
    );
  });
  return { calls: host.api, mode: 'standalone', close: () => host.stop() };
}

function overRunning(running: RunningConnector): BackfillTarget {
  return {
    calls: {
      startBackfill: (arg) => running.call('startBackfill', arg),
      getBackfill: (arg) => running.call('getBackfill', arg),
      cancelBackfill: (arg) => running.call('cancelBackfill', arg),
      getStatus: (arg) => running.call('getStatus', arg),
    },
    mode: 'running',
    close: async () => running.close(),
  };
}

function stderrLines(io: CliIo): NodeJS.WritableStream {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      io.writeErr(String(chunk));
      done();
    },
  });
}
