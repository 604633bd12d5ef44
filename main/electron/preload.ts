// Exposes window.connector, one explicit function per ConnectorApi method over ipcRenderer.invoke.
// It must never expose ipcRenderer, a channel name or a generic invoke to the renderer.
import { contextBridge, ipcRenderer } from 'electron';
import { CONNECTOR_METHODS, channels, type ConnectorApi, type ConnectorMethod } from '../../shared/api';
import { type IpcResult, unwrapIpcResult } from './ipc-envelope';

function callOverIpc(method: ConnectorMethod): (arg: unknown) => Promise<unknown> {
  const channel = channels[method];
  return async (arg) => unwrapIpcResult((await ipcRenderer.invoke(channel, arg)) as IpcResult<unknown>);
}

/** The object the renderer gets; each property is a closure over its own channel and nothing else. */
export function buildConnectorBridge(): ConnectorApi {
  return Object.freeze(Object.fromEntries(CONNECTOR_METHODS.map((m) => [m, callOverIpc(m)]))) as unknown as ConnectorApi;
}

contextBridge.exposeInMainWorld('connector', buildConnectorBridge());
