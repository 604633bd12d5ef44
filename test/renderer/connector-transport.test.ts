import { createHttpConnector, readConsoleToken, selectConnector, wrapIpcConnector } from '../../renderer/connector-transport';
import { ConnectorError } from '../../renderer/connector-error';
import type { ConnectorApi } from '../../shared/api';
import { FakeConnector } from './fake-connector';

interface Sent {
  url: string;
  init: RequestInit;
}

function fetchAnswering(status: number, body: unknown, sent: Sent[] = []): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
}

describe('readConsoleToken', () => {
  it('takes the token from #token=, keeps it in sessionStorage and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/console?x=1#token=tok_123');
    const token = readConsoleToken({ location: window.location, history: window.history, storage: window.sessionStorage });
    expect(token).toBe('tok_123');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname + window.location.search).toBe('/console?x=1');
    expect(window.sessionStorage.getItem('mjsc.consoleToken')).toBe('tok_123');
  });

  it('reuses the stored token after a reload without a hash', () => {
    window.sessionStorage.setItem('mjsc.consoleToken', 'tok_stored');
    window.history.replaceState(null, '', '/');
    expect(readConsoleToken({ location: window.location, history: window.history, storage: window.sessionStorage })).toBe('tok_stored');
  });
});

describe('createHttpConnector', () => {
  it('posts the argument as JSON to /api/<method> with the Bearer token', async () => {
    const sent: Sent[] = [];
    const api = createHttpConnector({ token: 'tok_abc', fetch: fetchAnswering(200, { retried: 2 }, sent) });
    await expect(api.retryFailed({ ids: ['a', 'b'] })).resolves.toEqual({ retried: 2 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('/api/retryFailed');
    expect(sent[0]?.init.method).toBe('POST');
    const headers = new Headers(sent[0]?.init.headers);
    expect(headers.get('Authorization')).toBe('Bearer tok_abc');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({ ids: ['a', 'b'] });
  });

  it('turns an error body into a ConnectorError with its code and message', async () => {
    const api = createHttpConnector({
      token: 't',
      fetch: fetchAnswering(400, { error: { code: 'credentials_invalid', message: 'Mailjet refused these keys. Copy them again.' } }),
    });
    const error = await api.getStatus({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'credentials_invalid', message: 'Mailjet refused these keys. Copy them again.' });
  });

  it('explains an error without a body by its HTTP status', async () => {
    const api = createHttpConnector({ token: 't', fetch: (async () => new Response('oops', { status: 502 })) as typeof fetch });
    await expect(api.getStatus({})).rejects.toMatchObject({ code: 'http_502' });
  });

  it('says the relay is not reachable, and what to do, when the network fails', async () => {
    const api = createHttpConnector({ token: 't', fetch: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch });
    const error = await api.getStatus({}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'relay_unreachable' });
    expect((error as Error).message).toMatch(/not reachable.*mjsc relay/);
  });

  it('asks for the console link when there is no token, without calling the relay', async () => {
    const sent: Sent[] = [];
    const api = createHttpConnector({ token: null, fetch: fetchAnswering(200, {}, sent) });
    await expect(api.getStatus({})).rejects.toMatchObject({ code: 'console_token_missing' });
    expect(sent).toHaveLength(0);
  });
});

describe('selectConnector and IPC errors', () => {
  afterEach(() => {
    delete window.connector;
  });

  it('uses window.connector when the preload provided it', async () => {
    const fake = new FakeConnector();
    window.connector = fake;
    await selectConnector(window).getStatus({});
    expect(fake.callsOf('getStatus')).toHaveLength(1);
  });

  it('strips Electron’s invoke prefix and keeps the back end’s code', async () => {
    const failing = new FakeConnector();
    const ipcError = Object.assign(new Error("Error invoking remote method 'connector:getStatus': Error: The keychain is locked. Unlock it and try again."), { code: 'keychain_unavailable' });
    vi.spyOn(failing, 'getStatus').mockRejectedValue(ipcError);
    const api = wrapIpcConnector(failing as ConnectorApi);
    await expect(api.getStatus({})).rejects.toMatchObject({ code: 'keychain_unavailable', message: 'The keychain is locked. Unlock it and try again.' });
  });

  it('falls back to HTTP with the token from the address bar', async () => {
    const sent: Sent[] = [];
    window.history.replaceState(null, '', '/#token=tok_http');
    vi.spyOn(window, 'fetch').mockImplementation(fetchAnswering(200, { queued: 1 }, sent));
    await selectConnector(window).sendTestEvent({ eventType: 'open' });
    expect(new Headers(sent[0]?.init.headers).get('Authorization')).toBe('Bearer tok_http');
    vi.restoreAllMocks();
  });
});
