// Electron security checklist for the app window: no new windows, no navigation away, no webviews,
// only the clipboard-write permission for our own window, and shell.openExternal only for https.
// Never relax a guard per page.
import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

export function isExternalLinkAllowed(url: string): boolean {
  return parseUrl(url)?.protocol === 'https:';
}

/** Opens an https link in the user's browser; anything else (http, file, javascript, custom schemes) is refused. */
export function openExternalSafely(url: string): boolean {
  if (!isExternalLinkAllowed(url)) return false;
  void shell.openExternal(url);
  return true;
}

/** The Copy buttons call navigator.clipboard.writeText, which Chromium gates behind this permission. */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/** True only for clipboard writes asked by the trusted window while it shows an app:// page. */
export function isPermissionAllowed(permission: string, contents: WebContents | null, url: string | undefined, isTrusted: (contents: WebContents) => boolean): boolean {
  return permission === ALLOWED_PERMISSION && contents !== null && isTrusted(contents) && url !== undefined && isAppUrl(url);
}

/**
 * Checklist item 5: every permission request and check goes through here; both handlers are needed,
 * because Chromium asks the check handler for clipboard writes and the request handler for the rest
 * (electron/electron#37158).
 */
export function secureSession(session: Session, isTrusted: (contents: WebContents) => boolean): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, contents, details.requestingUrl, isTrusted));
  });
  session.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    return isPermissionAllowed(permission, contents, details.requestingUrl ?? requestingOrigin, isTrusted);
  });
}

/** Per-contents rules; applied to every WebContents the app creates (app 'web-contents-created'). */
export function guardWebContents(contents: WebContents): void {
  // Checklist item 14: no new windows; an https link goes to the browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  // Checklist item 13: limit navigation to the app's own origin (a reload stays allowed).
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  // Checklist item 12: the app has no use for <webview>.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
