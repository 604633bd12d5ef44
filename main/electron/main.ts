// PLACEHOLDER (electron-shell agent replaces): Electron main process entry.
import { app } from 'electron';

void app.whenReady().then(() => {
  app.quit();
});
