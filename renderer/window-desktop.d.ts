// The desktop shell's own settings the Electron preload exposes on window (the relay port).
// Absent in the web console, where RelayPortSetting renders nothing.
import type { DesktopApi } from '../shared/desktop-api';

declare global {
  interface Window {
    desktop?: DesktopApi;
  }
}

export {};
