// Binds window.desktop's two channels (the relay port) with the same sender check and envelope as
// the ConnectorApi channels. Never binds a generic channel.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { DESKTOP_CHANNELS, type RelayPortSetting } from '../../shared/desktop-api';
import { ERROR_CODES } from '../../shared/error-codes';
import { type IpcResult, toIpcFailure } from './ipc-envelope';
import { RelayPortSettingError, readSavedRelayPort, saveRelayPort, type ChosenRelayPort } from './relay-port-setting';

export interface DesktopIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
  /** desktop-settings.json in the data dir. */
  settingsFile: string;
  /** The port this start chose, and the port the relay really listens on (differs when 0 was asked). */
  chosen: ChosenRelayPort;
  listeningPort: number;
}

const FOREIGN_SENDER = { ok: false, error: { code: 'forbidden_sender', message: ERROR_CODES.forbidden_sender.message }, status: ERROR_CODES.forbidden_sender.status } as const;

export function bindDesktopIpc(options: DesktopIpcOptions): () => void {
  const current = async (): Promise<RelayPortSetting> => ({
    listeningPort: options.listeningPort,
    savedPort: await readSavedRelayPort(options.settingsFile),
    source: options.chosen.source,
  });
  const handle = (channel: string, run: (arg: unknown) => Promise<RelayPortSetting>): void => {
    options.ipcMain.handle(channel, async (event, arg: unknown): Promise<IpcResult<RelayPortSetting>> => {
      if (!options.isTrustedSender(event)) return FOREIGN_SENDER;
      try {
        return { ok: true, value: await run(arg) };
      } catch (error) {
        return toIpcFailure(error);
      }
    });
  };
  handle(DESKTOP_CHANNELS.getRelayPort, current);
  handle(DESKTOP_CHANNELS.setRelayPort, async (arg) => {
    const port = typeof arg === 'object' && arg !== null ? (arg as { port?: unknown }).port : undefined;
    if (typeof port !== 'number') throw new RelayPortSettingError('The relay port', String(port));
    await saveRelayPort(options.settingsFile, port);
    return current();
  });
  return () => {
    for (const channel of Object.values(DESKTOP_CHANNELS)) options.ipcMain.removeHandler(channel);
  };
}
