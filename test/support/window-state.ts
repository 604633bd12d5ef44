// What a window manager keeps of a BrowserWindow (minimized, maximized, shown, its normal bounds), shared
// by the two BrowserWindow doubles: the unit tests' fake (test/main/electron) and the shell's stand-in
// (test/shell/stand-in). Neither is Electron; both follow its documented methods for these.
import { EventEmitter } from 'node:events';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class WindowState extends EventEmitter {
  minimized = false;
  maximized = false;
  visible: boolean;
  bounds: Bounds;

  constructor(bounds: Bounds, visible: boolean) {
    super();
    this.bounds = { ...bounds };
    this.visible = visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  restore(): void {
    this.minimized = false;
  }
  maximize(): void {
    this.maximized = true;
  }
  show(): void {
    this.visible = true;
  }
  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }
}
