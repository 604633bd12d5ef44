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

  it('pauses while the page is hidden and resumes when it is shown', async () => {
    let runs = 0;
    const task = async () => { runs += 1; };
    const { unmount } = render(<Poller task={task} intervalMs={5} />);
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(2));
    setHidden(true);
    // Let any run already scheduled happen, then check that none follow.
    await new Promise((r) => setTimeout(r, 30));
    const whileHidden = runs;
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(whileHidden);
    setHidden(false);
    await vi.waitFor(() => expect(runs).toBeGreaterThan(whileHidden));
    unmount();
  });

  it('stops after unmount', async () => {
    let runs = 0;
    const { unmount } = render(<Poller task={async () => { runs += 1; }} intervalMs={5} />);
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(1));
    unmount();
    const atUnmount = runs;
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toBe(atUnmount);
  });
});
