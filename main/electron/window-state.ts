// Remembers the window's size and position in a small JSON file in userData: bounds only, never a
// secret. Saved bounds that would open off-screen (a display was unplugged) are pulled back in.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent on first start: the window is centred by Electron. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1100, height: 760, maximized: false };
export const MIN_WINDOW_SIZE = { width: 640, height: 480 };
/** How much of the title bar must lie on a display for saved bounds to be trusted. */
const MIN_VISIBLE = { width: 120, height: 40 };

/** Reads the saved state; a missing or damaged file gives the defaults. */
export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    return parseWindowState(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

function parseWindowState(raw: unknown): WindowState {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : undefined);
  const state: WindowState = {
    width: num(r.width) ?? DEFAULT_WINDOW_STATE.width,
    height: num(r.height) ?? DEFAULT_WINDOW_STATE.height,
    maximized: r.maximized === true,
  };
  const x = num(r.x);
  const y = num(r.y);
  if (x !== undefined && y !== undefined) Object.assign(state, { x, y });
  return state;
}

/**
 * Fits saved state to the displays present now: size no larger than the biggest work area and no
 * smaller than the minimum; position dropped (so the window centres) when its top strip is not visible.
 */
export function fitWindowStateToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const width = clamp(state.width, Math.min(MIN_WINDOW_SIZE.width, maxWidth), maxWidth);
  const height = clamp(state.height, Math.min(MIN_WINDOW_SIZE.height, maxHeight), maxHeight);
  const fitted: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return fitted;
  const titleBar = { x: state.x, y: state.y, width, height: MIN_VISIBLE.height };
  const visible = workAreas.some((area) => {
    const overlapWidth = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
    const overlapHeight = Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
    return overlapWidth >= MIN_VISIBLE.width && overlapHeight >= MIN_VISIBLE.height;
  });
  return visible ? { ...fitted, x: state.x, y: state.y } : fitted;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

export interface WindowStateSaver {
  /** Remember this state; written after a quiet period so dragging does not hammer the disk. */
  schedule(state: WindowState): void;
  /** Write any pending state now. */
  flush(): Promise<void>;
  /** Write any pending state before returning: on window close, where the app may exit right after. */
  flushSync(): void;
}

export interface WindowStateSaverOptions {
  debounceMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export function createWindowStateSaver(file: string, options: WindowStateSaverOptions = {}): WindowStateSaver {
  const debounceMs = options.debounceMs ?? 500;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  let pending: WindowState | undefined;
  let timer: unknown;
  let writing: Promise<void> = Promise.resolve();

  const write = (): Promise<void> => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const state = pending;
    pending = undefined;
    if (state === undefined) return writing;
    // Write then rename, so a crash mid-write never leaves a half file; failures only lose the bounds.
    writing = writing.then(async () => {
      const temp = `${file}.tmp`;
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temp, `${JSON.stringify(state)}\n`, 'utf8');
      await rename(temp, file);
    }).catch(() => undefined);
    return writing;
  };

  return {
    schedule(state) {
      pending = { ...state };
      if (timer !== undefined) clearTimer(timer);
      timer = setTimer(() => void write(), debounceMs);
    },
    flush: write,
    flushSync() {
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
      const state = pending;
      pending = undefined;
      if (state === undefined) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`, 'utf8');
        renameSync(`${file}.tmp`, file);
      } catch {
        // Losing the window position is harmless; failing to close the window is not.
      }
    },
  };
}
