// Electron security checklist for the app window: CSP, no new windows, no navigation away, no
// webviews, no permissions, and shell.openExternal only for https. Never relax a guard per page.
import { shell, type Session, type WebContents } from 'electron';
import { withContentSecurityPolicy } from './content-security-policy';

/** True when url is the app's own entry file (hash and query ignored), e.g. file:///…/index.html#/setup. */
export function isAppFileUrl(url: string, appEntryUrl: string): boolean {
  const candidate = parseUrl(url);
  const entry = parseUrl(appEntryUrl);
  return candidate !== null && entry !== null && candidate.protocol === 'file:' && candidate.host === entry.host && candidate.pathname === entry.pathname;
}

export function isExternalLinkAllowed(url: string): boolean {
  return parseUrl(url)?.protocol === 'https:';
}

/** Opens an https link in the user's browser; anything else (http, file, javascript, custom schemes) is refused. */
export function openExternalSafely(url: string): boolean {
  if (!isExternalLinkAllowed(url)) return false;
  void shell.openExternal(url);
  return true;
}

/** Session-wide rules: our CSP on every response, and every permission request or check denied. */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  // Checklist item 5: the UI needs no camera, notifications API, geolocation or anything else.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Per-contents rules; applied to every WebContents the app creates (app 'web-contents-created'). */
export function guardWebContents(contents: WebContents, appEntryUrl: string): void {
  // Checklist item 14: no new windows; an https link goes to the browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  // Checklist item 13: limit navigation to the app's own file.
  const blockForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppFileUrl(url, appEntryUrl)) event.preventDefault();
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
