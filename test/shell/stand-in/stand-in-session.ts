// The stand-in's `session`: the default session exists only after ready, and every permission the
// page asks for is decided by the handlers the app set, with Electron's arguments.
import type { WebContents } from 'electron';
import { assertReady } from './stand-in-app';
import { protocol } from './stand-in-protocol';

type RequestHandler = (contents: WebContents, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void;
type CheckHandler = (contents: WebContents | null, permission: string, requestingOrigin: string, details: { requestingUrl?: string; isMainFrame: boolean; securityOrigin?: string }) => boolean;

let requestHandler: RequestHandler | null = null;
let checkHandler: CheckHandler | null = null;

const defaultSession = {
  protocol,
  setPermissionRequestHandler(handler: RequestHandler | null): void {
    requestHandler = handler;
  },
  setPermissionCheckHandler(handler: CheckHandler | null): void {
    checkHandler = handler;
  },
};

export const session = {
  get defaultSession(): typeof defaultSession {
    assertReady('session.defaultSession');
    return defaultSession;
  },
};

/**
 * What Electron's permission manager answers for a page: the check handler for clipboard writes
 * (electron/electron#37158), the request handler for the rest; with no handler Electron grants.
 */
export async function decidePermission(contents: WebContents, permission: string, requestingUrl: string): Promise<boolean> {
  const origin = new URL(requestingUrl).origin === 'null' ? requestingUrl.split('/').slice(0, 3).join('/') : new URL(requestingUrl).origin;
  if (permission === 'clipboard-sanitized-write') {
    return checkHandler ? checkHandler(contents, permission, origin, { requestingUrl, isMainFrame: true, securityOrigin: origin }) : true;
  }
  if (!requestHandler) return true;
  const handler = requestHandler;
  return new Promise((resolve) => handler(contents, permission, resolve, { requestingUrl, isMainFrame: true }));
}
