// Remembered window bounds: fitted to today's displays, damaged files ignored, writes debounced.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWindowStateSaver, DEFAULT_WINDOW_STATE, fitWindowStateToDisplays, loadWindowState, type WindowState } from '../../../main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const externalOnTheRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('fitting saved bounds to the displays present', () => {
  it.each<[string, WindowState, WindowState]>([
    ['kept when on screen', { x: 100, y: 80, width: 1000, height: 700, maximized: false }, { x: 100, y: 80, width: 1000, height: 700, maximized: false }],
    ['kept on the second display', { x: 2000, y: 100, width: 1200, height: 800, maximized: false }, { x: 2000, y: 100, width: 1200, height: 800, maximized: false }],
    ['recentred when entirely off to the right', { x: 5000, y: 100, width: 1000, height: 700, maximized: false }, { width: 1000, height: 700, maximized: false }],
    ['recentred when the title bar is above the screen', { x: 100, y: -500, width: 1000, height: 400, maximized: false }, { width: 1000, height: 480, maximized: false }],
    ['recentred when only a sliver shows', { x: 3990, y: 100, width: 1000, height: 700, maximized: false }, { width: 1000, height: 700, maximized: false }],
    ['shrunk to the largest display', { x: 0, y: 0, width: 9000, height: 9000, maximized: true }, { x: 0, y: 0, width: 2560, height: 1440, maximized: true }],
    ['grown to the minimum size', { x: 10, y: 10, width: 100, height: 50, maximized: false }, { x: 10, y: 10, width: 640, height: 480, maximized: false }],
    ['centred on first start', { width: 1100, height: 760, maximized: false }, { width: 1100, height: 760, maximized: false }],
  ])('%s', (_case, saved, expected) => {
    expect(fitWindowStateToDisplays(saved, [laptop, externalOnTheRight])).toEqual(expected);
  });
});

describe('the state file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'mjsc-wstate-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([['missing', null], ['not JSON', '{oops'], ['wrong types', '{"width":"wide","x":[]}']])('falls back to defaults when %s', async (_case, content) => {
    const file = join(dir, 'window-state.json');
    if (content !== null) writeFileSync(file, content);
    expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('writes once after the user stops moving the window, and only the bounds', async () => {
    const file = join(dir, 'window-state.json');
    const timers: Array<() => void> = [];
    const saver = createWindowStateSaver(file, { setTimer: (run) => timers.push(run), clearTimer: () => timers.splice(0, timers.length) });
    for (let x = 0; x < 20; x++) saver.schedule({ x, y: 5, width: 800, height: 600, maximized: false });
    expect(timers).toHaveLength(1);
    expect(existsSync(file)).toBe(false);
    timers[0]!();
    await saver.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 19, y: 5, width: 800, height: 600, maximized: false });
    expect(await loadWindowState(file)).toEqual({ x: 19, y: 5, width: 800, height: 600, maximized: false });
  });

  it('writes at once on close, cancelling the pending timer', () => {
    const file = join(dir, 'nested', 'window-state.json');
    const cleared = vi.fn();
    const saver = createWindowStateSaver(file, { setTimer: () => 'timer', clearTimer: cleared });
    saver.schedule({ x: 1, y: 2, width: 700, height: 500, maximized: true });
    saver.flushSync();
    expect(cleared).toHaveBeenCalledWith('timer');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 1, y: 2, width: 700, height: 500, maximized: true });
  });
});
