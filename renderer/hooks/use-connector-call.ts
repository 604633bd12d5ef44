// Runs one back-end call for a control: busy while it runs (ignoring repeat clicks), and the
// back end's error kept for a role="alert" instead of being thrown into React.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectorApi, ConnectorArg, ConnectorMethod, ConnectorResult } from '../../shared/api';
import { toConnectorError, type ConnectorError } from '../connector-error';
import { useConnector } from './use-connector';

export interface ConnectorCall<A extends unknown[], R> {
  run(...args: A): Promise<R | undefined>;
  busy: boolean;
  error: ConnectorError | null;
  clearError(): void;
}

export function useConnectorCall<A extends unknown[], R>(fn: (...args: A) => Promise<R>): ConnectorCall<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConnectorError | null>(null);
  const fnRef = useRef(fn);
  const busyRef = useRef(false);
  useEffect(() => {
    fnRef.current = fn;
  });

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      return await fnRef.current(...args);
    } catch (thrown) {
      setError(toConnectorError(thrown));
      return undefined;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);

  return { run, busy, error, clearError };
}

/** useConnectorCall bound to one ConnectorApi method of the current connector. */
export function useConnectorMethod<M extends ConnectorMethod>(method: M): ConnectorCall<[ConnectorArg<M>], ConnectorResult<M>> {
  const connector = useConnector();
  return useConnectorCall((arg: ConnectorArg<M>) => {
    const fn = connector[method] as (this: ConnectorApi, a: ConnectorArg<M>) => Promise<ConnectorResult<M>>;
    return fn.call(connector, arg);
  });
}
