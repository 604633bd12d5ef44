// Runs a task now and then every intervalMs after the previous run finished (never overlapping),
// pausing while the page is hidden. It never throws: the task reports its own errors.
import { useEffect, useRef } from 'react';

export function usePolling(task: () => Promise<void>, intervalMs: number, restartKey: unknown = null): void {
  const taskRef = useRef(task);
  useEffect(() => {
    taskRef.current = task;
  });

  useEffect(() => {
    let stopped = false;
    let running = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const tick = async (): Promise<void> => {
      if (stopped || running || document.hidden) return;
      running = true;
      try {
        await taskRef.current();
      } catch {
        // The task shows its own error; polling just carries on.
      } finally {
        running = false;
      }
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    };
    const onVisibilityChange = (): void => {
      if (document.hidden) return;
      clearTimeout(timer);
      void tick();
    };

    document.addEventListener('visibilitychange', onVisibilityChange);
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [intervalMs, restartKey]);
}
