// A strict stand-in for the `electron` module, used by test/shell through a module-resolution hook
// so the BUILT main process runs as it would in Electron. Each rule it enforces is Electron's own.
export { app } from './stand-in-app';
export { BrowserWindow } from './stand-in-window';
export { ipcMain } from './stand-in-ipc';
export { protocol } from './stand-in-protocol';
export { session } from './stand-in-session';
export { dialog, Menu, nativeImage, Notification, screen, shell, Tray } from './stand-in-ui';
