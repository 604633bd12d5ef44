// Picks how the UI reaches the back end: the preload's window.connector in Electron, else the
// console's HTTP control API. Never logs or stores anything but the console token (sessionStorage).
import { CONNECTOR_METHODS, type ConnectorApi, type ConnectorMethod } from '../shared/api';
import { isErrorCode } from '../shared/error-codes';
import { ConnectorError, toConnectorError } from './connector-error';

const TOKEN_KEY = 'mjsc.consoleToken';

export interface TokenSource {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** Reads `#token=…` once, moves it to sessionStorage and removes it from the address bar. */
export function readConsoleToken({ location, history, storage }: TokenSource): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    // The token must not linger in history, bookmarks or screenshots of the address bar.
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY);
}

export interface HttpConnectorOptions {
  token: string | null;
  fetch: typeof fetch;
  /** Origin of the console, e.g. "http://127.0.0.1:8788"; empty means same origin. */
  baseUrl?: string;
}

/** A ConnectorApi over `POST /api/<method>` with a Bearer token. */
export function createHttpConnector({ token, fetch: fetchImpl, baseUrl = '' }: HttpConnectorOptions): ConnectorApi {
  async function call(method: ConnectorMethod, arg: unknown): Promise<unknown> {
    if (!token) {
      throw new ConnectorError(
        'console_token_missing',
        'This page has no console token. Open the console with the full link that `mjsc relay` printed (it ends with #token=…).',
      );
    }
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(arg ?? {}),
      });
    } catch {
      throw new ConnectorError(
        'relay_unreachable',
        'The relay is not reachable. Check that `mjsc relay` (or the desktop app) is still running, then reload this page.',
      );
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorFromBody(body, response.status);
    return body;
  }
  return bindMethods((method) => (arg) => call(method, arg));
}

function errorFromBody(body: unknown, httpStatus: number): ConnectorError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    return new ConnectorError(isErrorCode(error.code) ? error.code : 'unexpected', error.message);
  }
  return new ConnectorError(
    `http_${httpStatus}`,
    `The relay answered with HTTP ${httpStatus}. Reload the page; if it persists, restart the relay.`,
  );
}

/** Wraps the preload's object so every failure reaches the UI as a ConnectorError. */
export function wrapIpcConnector(ipc: ConnectorApi): ConnectorApi {
  return bindMethods((method) => async (arg) => {
    try {
      return await (ipc[method] as (a: unknown) => Promise<unknown>)(arg);
    } catch (thrown) {
      throw toConnectorError(thrown);
    }
  });
}

type UntypedMethod = (arg: unknown) => Promise<unknown>;

function bindMethods(make: (method: ConnectorMethod) => UntypedMethod): ConnectorApi {
  // Each method's argument and result types come from ConnectorApi; the transports only move JSON.
  return Object.fromEntries(CONNECTOR_METHODS.map((m) => [m, make(m)])) as unknown as ConnectorApi;
}

/** window.connector when the Electron preload provided it, else the HTTP console client. */
export function selectConnector(win: Window): ConnectorApi {
  if (win.connector) return wrapIpcConnector(win.connector);
  const token = readConsoleToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  return createHttpConnector({ token, fetch: win.fetch.bind(win) });
}
