import { render } from '@testing-library/react';
import { usePolling } from '../../../renderer/hooks/use-polling';

function Poller({ task, intervalMs }: { task: () => Promise<void>; intervalMs: number }) {
  usePolling(task, intervalMs);
  return null;
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('usePolling', () => {
  afterEach(() => setHidden(false));

  it('never starts a run while the previous one is still going', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const releases: Array<() => void> = [];
    const task = () => {
      running += 1;
      runs += 1;
      maxRunning = Math.max(maxRunning, running);
      return new Promise<void>((resolve) => releases.push(() => { running -= 1; resolve(); }));
    };
    const { unmount } = render(<Poller task={task} intervalMs={1} />);
    // Visibility changes would normally trigger an immediate run; they must not overlap either.
    setHidden(false);
    setHidden(false);
    expect(runs).toBe(1);
    releases.shift()?.();
    await vi.waitFor(() => expect(runs).toBe(2));
    releases.shift()?.();
    await vi.waitFor(() => expect(runs).toBe(3));
    expect(maxRunning).toBe(1);
    unmount();
    releases.shift()?.();
  });

  describe('on fake timers', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('pauses while the page is hidden and resumes at once when it is shown', async () => {
      let runs = 0;
      const { unmount } = render(<Poller task={async () => { runs += 1; }} intervalMs={1_000} />);
      expect(runs).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(runs).toBe(2);
      setHidden(true);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runs).toBe(2);
      expect(vi.getTimerCount()).toBe(0);
      setHidden(false);
      await vi.advanceTimersByTimeAsync(0);
      expect(runs).toBe(3);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(runs).toBe(4);
      unmount();
    });

    it('stops after unmount, including a run that was still going', async () => {
      let runs = 0;
      let release = (): void => undefined;
      const task = () => {
        runs += 1;
        return runs === 2 ? new Promise<void>((resolve) => { release = resolve; }) : Promise.resolve();
      };
      const { unmount } = render(<Poller task={task} intervalMs={1_000} />);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(runs).toBe(2);
      unmount();
      release();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runs).toBe(2);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
