// Which WebContents the app trusts: its own window's, registered the moment the window is created
// (before its page loads), so a call made during load is never refused. Forgotten when destroyed.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

export interface WindowTrust {
  /** Called right after `new BrowserWindow`, before loadURL. */
  trust(contents: WebContents): void;
  isTrusted(contents: WebContents): boolean;
  /** Checklist item 17: the sender is our window and the calling frame shows an app:// page. */
  isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean;
}

export function createWindowTrust(): WindowTrust {
  const trusted = new Set<number>();
  const isTrusted = (contents: WebContents): boolean => !contents.isDestroyed() && trusted.has(contents.id);
  return {
    trust(contents) {
      const id = contents.id;
      trusted.add(id);
      contents.once('destroyed', () => trusted.delete(id));
    },
    isTrusted,
    isTrustedSender(event) {
      const frameUrl = event.senderFrame?.url;
      return isTrusted(event.sender) && frameUrl !== undefined && isAppUrl(frameUrl);
    },
  };
}
