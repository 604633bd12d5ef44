// The object the Electron preload exposes on window, one function per ConnectorApi method.
// Absent in the web console, where connector-transport.ts falls back to HTTP.
import type { ConnectorApi } from '../shared/api';

declare global {
  interface Window {
    connector?: ConnectorApi;
  }
}

export {};
