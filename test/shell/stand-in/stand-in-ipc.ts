// The stand-in's `ipcMain` (a second handler for a channel throws, as in Electron) and the renderer
// side the preload sees: contextBridge and ipcRenderer.invoke reaching the real handlers.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { WebContents } from 'electron';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
const handlers = new Map<string, InvokeHandler>();

export const ipcMain = {
  handle(channel: string, handler: InvokeHandler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    handlers.delete(channel);
  },
};

/** Set around each bridged call: which frame (Electron URL) of which contents is calling. */
export const callingFrame = new AsyncLocalStorage<{ contents: WebContents; frameUrl: string }>();

async function invoke(channel: string, ...args: unknown[]): Promise<unknown> {
  const caller = callingFrame.getStore();
  if (!caller) throw new Error('ipcRenderer.invoke called outside a page call');
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
  const event = { sender: caller.contents, senderFrame: { url: caller.frameUrl, origin: new URL(caller.frameUrl).origin }, processId: 1, frameId: 1 };
  // Arguments and results cross processes by structured clone.
  return structuredClone(await handler(event, ...structuredClone(args)));
}

/** What `require('electron')` gives a sandboxed preload: these two, nothing else. */
export function rendererElectron(exposed: Map<string, Record<string, unknown>>): Record<string, unknown> {
  return {
    contextBridge: {
      exposeInMainWorld(key: string, api: Record<string, unknown>): void {
        if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
        exposed.set(key, api);
      },
    },
    ipcRenderer: { invoke },
  };
}
