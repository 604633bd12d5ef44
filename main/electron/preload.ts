// Exposes window.connector, one explicit function per ConnectorApi method over ipcRenderer.invoke,
// and window.desktop (the relay port) the same way.
// It must never expose ipcRenderer, a channel name or a generic invoke to the renderer.
import { contextBridge, ipcRenderer } from 'electron';
import { CONNECTOR_METHODS, channels, type ConnectorApi, type ConnectorMethod } from '../../shared/api';
import { DESKTOP_CHANNELS, type DesktopApi } from '../../shared/desktop-api';
import { type IpcResult, unwrapIpcResult } from './ipc-envelope';

function callOverIpc(method: ConnectorMethod): (arg: unknown) => Promise<unknown> {
  const channel = channels[method];
  return async (arg) => unwrapIpcResult((await ipcRenderer.invoke(channel, arg)) as IpcResult<unknown>);
}

/** The object the renderer gets; each property is a closure over its own channel and nothing else. */
export function buildConnectorBridge(): ConnectorApi {
  return Object.freeze(Object.fromEntries(CONNECTOR_METHODS.map((m) => [m, callOverIpc(m)]))) as unknown as ConnectorApi;
}

/** The desktop shell's own settings; like the connector bridge, one closure per channel. */
export function buildDesktopBridge(): DesktopApi {
  const call = (channel: string) => async (arg?: unknown) => unwrapIpcResult((await ipcRenderer.invoke(channel, arg ?? {})) as IpcResult<never>);
  return Object.freeze({ getRelayPort: call(DESKTOP_CHANNELS.getRelayPort), setRelayPort: call(DESKTOP_CHANNELS.setRelayPort) });
}

contextBridge.exposeInMainWorld('connector', buildConnectorBridge());
contextBridge.exposeInMainWorld('desktop', buildDesktopBridge());
