// The live Status shared by every screen: polled every ~2 s and replaced at once by any action that
// returns a fresher Status. A poll that started before an action must not overwrite its result.
import { createContext, useCallback, useContext, useRef, useState } from 'react';
import type { ConnectorApi, Status } from '../../shared/api';
import { toConnectorError } from '../connector-error';
import { usePolling } from './use-polling';

export interface StatusState {
  status: Status | null;
  /** Why the last poll failed, with what to do next; null when it succeeded. */
  pollError: string | null;
  replaceStatus(status: Status): void;
}

export const StatusContext = createContext<StatusState | null>(null);

export function useStatus(): StatusState {
  const state = useContext(StatusContext);
  if (!state) throw new Error('useStatus needs a StatusContext provider (see App.tsx)');
  return state;
}

export function useStatusSource(connector: ConnectorApi, intervalMs: number): StatusState {
  const [status, setStatus] = useState<Status | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const generation = useRef(0);

  const poll = useCallback(async () => {
    const startedAt = generation.current;
    try {
      const fresh = await connector.getStatus({});
      if (generation.current === startedAt) setStatus(fresh);
      setPollError(null);
    } catch (thrown) {
      setPollError(toConnectorError(thrown).message);
    }
  }, [connector]);
  usePolling(poll, intervalMs, connector);

  const replaceStatus = useCallback((fresh: Status) => {
    generation.current += 1;
    setStatus(fresh);
  }, []);

  return { status, pollError, replaceStatus };
}
