// Gives components the ConnectorApi chosen at start-up; components never pick a transport themselves.
import { createContext, useContext } from 'react';
import type { ConnectorApi } from '../../shared/api';

export const ConnectorContext = createContext<ConnectorApi | null>(null);

export function useConnector(): ConnectorApi {
  const connector = useContext(ConnectorContext);
  if (!connector) throw new Error('useConnector needs a ConnectorContext provider (see App.tsx)');
  return connector;
}
