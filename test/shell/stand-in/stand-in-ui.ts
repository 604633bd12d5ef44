// The stand-in's tray, menu, images, notifications, dialogs, screen and shell: each only after ready
// (dialog.showErrorBox excepted, as in Electron), each reported to the test as the user would see it.
import { EventEmitter } from 'node:events';
import { assertReady } from './stand-in-app';
import { report } from './stand-in-report';

interface MenuItemOptions {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export const Menu = {
  buildFromTemplate(template: MenuItemOptions[]): { items: MenuItemOptions[] } {
    return { items: template };
  },
};

export const nativeImage = {
  createFromDataURL(url: string): { isEmpty(): boolean } {
    return { isEmpty: () => !/^data:image\/png;base64,/.test(url) };
  },
};

export const trays: Tray[] = [];

export class Tray extends EventEmitter {
  menu: { items: MenuItemOptions[] } | null = null;
  destroyed = false;
  constructor(image: { isEmpty(): boolean }) {
    super();
    assertReady('new Tray');
    if (image.isEmpty()) throw new Error('The tray icon image is empty');
    trays.push(this);
  }
  setContextMenu(menu: { items: MenuItemOptions[] }): void {
    this.menu = menu;
    report({ event: 'tray-menu', labels: menu.items.map((item) => item.label ?? `(${item.type ?? 'item'})`) });
  }
  setToolTip(_text: string): void {}
  destroy(): void {
    this.destroyed = true;
  }
  /** Test command: the user picks a menu item. */
  pick(label: string): void {
    const item = this.menu?.items.find((candidate) => candidate.label === label);
    if (!item || item.enabled === false || !item.click) throw new Error(`no clickable tray item "${label}"`);
    item.click();
  }
}

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }
  constructor(private readonly options: { title: string; body: string }) {
    super();
    assertReady('new Notification');
  }
  show(): void {
    report({ event: 'notification', title: this.options.title, body: this.options.body });
  }
}

export const dialog = {
  showErrorBox(title: string, content: string): void {
    report({ event: 'dialog', title, message: content });
  },
};

export const screen = {
  getAllDisplays(): Array<{ workArea: { x: number; y: number; width: number; height: number } }> {
    assertReady('screen.getAllDisplays');
    return [{ workArea: { x: 0, y: 0, width: 1280, height: 800 } }];
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    report({ event: 'open-external', url });
  },
};
