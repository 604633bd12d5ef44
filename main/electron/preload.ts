// PLACEHOLDER (electron-shell agent replaces): exposes window.connector method by method.
import { contextBridge, ipcRenderer } from 'electron';
import { CONNECTOR_METHODS, channels } from '../../shared/api';

contextBridge.exposeInMainWorld(
  'connector',
  Object.fromEntries(CONNECTOR_METHODS.map((m) => [m, (arg: unknown) => ipcRenderer.invoke(channels[m], arg)])),
);
