// The tray icon: a glance at the relay's state, plus Open and Quit. It shows no secret and
// no URL other than the local relay address.
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { Status } from '../../shared/api';

// 16×16 PNG: a filled Mailjet-orange circle; inline so the tray works from the asar with no extra file.
const TRAY_ICON_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAANElEQVR42mP4WsPAQAnGJfEfByZowH8iMVYD/pOIqWvAfzLxqAHUNGDg0wFVkjJVMhPJGABWzBR7H2zwTAAAAABJRU5ErkJggg==';

export interface TrayActions {
  open(): void;
  quit(): void;
}

/** The menu's status lines, e.g. "Relay running on http://127.0.0.1:8787", "Receiving: on". */
export function describeRelayState(status: Status | null): string[] {
  if (status === null) return ['Relay starting…'];
  const direction = (label: string, enabled: boolean, problem: unknown): string =>
    `${label}: ${enabled ? 'on' : 'off'}${problem ? ' (needs attention)' : ''}`;
  return [
    `Relay running on ${status.relayUrl}`,
    direction('Receiving', status.receive.enabled, status.receive.problem),
    direction('Sending', status.send.enabled, status.send.problem),
  ];
}

export function trayMenuTemplate(status: Status | null, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    ...describeRelayState(status).map((label): MenuItemConstructorOptions => ({ label, enabled: false })),
    { type: 'separator' },
    { label: 'Open', click: () => actions.open() },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export interface StatusTray {
  show(status: Status | null): void;
  destroy(): void;
}

export function createStatusTray(actions: TrayActions): StatusTray {
  const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_PNG));
  tray.on('click', () => actions.open());
  const show = (status: Status | null): void => {
    tray.setToolTip(['Mailjet Segment Connector', ...describeRelayState(status)].join('\n'));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(status, actions)));
  };
  show(null);
  return { show, destroy: () => tray.destroy() };
}
