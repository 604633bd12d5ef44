// Proves every IPC handler checks its sender, validates its argument and hides internals in errors.
import type { Mock } from 'vitest';
import { CONNECTOR_METHODS, channels, type ConnectorApi, type ConnectorMethod } from '../../../shared/api';
import { bindConnectorIpc } from '../../../main/electron/ipc';
import { createWindowTrust } from '../../../main/electron/window-trust';
import { FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const APP_ENTRY = 'app://renderer/index.html';
const SECRET = 'mj-secret-0f3c';

type FakeApi = Record<ConnectorMethod, Mock<(arg: unknown) => Promise<unknown>>>;

function fakeApi(): FakeApi {
  return Object.fromEntries(CONNECTOR_METHODS.map((m) => [m, vi.fn(async (arg: unknown) => ({ method: m, arg }))])) as FakeApi;
}

let api: ReturnType<typeof fakeApi>;
let windowContents: FakeWebContents;
const unexpected = vi.fn();

beforeEach(() => {
  resetFakeElectron();
  api = fakeApi();
  windowContents = new FakeWebContents();
  unexpected.mockReset();
  const trust = createWindowTrust();
  trust.trust(windowContents as never);
  bindConnectorIpc({ ipcMain: ipcMain as never, api: api as unknown as ConnectorApi, isTrustedSender: trust.isTrustedSender as never, onUnexpectedError: unexpected });
});

function invoke(method: string, arg: unknown, sender: { contents?: unknown; frameUrl?: string } = {}): Promise<unknown> {
  const handler = ipcMain.handlers.get(`connector:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler({ sender: sender.contents ?? windowContents, senderFrame: { url: sender.frameUrl ?? `${APP_ENTRY}#/setup` } }, arg);
}

it('binds exactly one handler per ConnectorApi method, on its own channel', () => {
  expect([...ipcMain.handlers.keys()].sort()).toEqual(CONNECTOR_METHODS.map((m) => channels[m]).sort());
  expect(ipcMain.handlers.size).toBe(CONNECTOR_METHODS.length);
});

it('passes a valid call to the host api and returns its result', async () => {
  expect(await invoke('enableReceive', { listId: 42 })).toEqual({ ok: true, value: { method: 'enableReceive', arg: { listId: 42 } } });
  expect(api.enableReceive).toHaveBeenCalledWith({ listId: 42 });
});

it.each([
  ['a page of another origin', { frameUrl: 'https://evil.example/' }],
  ['another local file', { frameUrl: 'file:///tmp/evil.html' }],
  ['the app file opened over file://', { frameUrl: 'file:///app/dist/renderer/index.html' }],
  ['the console served over http', { frameUrl: 'http://127.0.0.1:8788/' }],
  ['another window', { contents: new FakeWebContents() }],
])('refuses a call from %s without reaching the service', async (_case, sender) => {
  expect(await invoke('getStatus', {}, sender)).toEqual({ ok: false, error: { code: 'forbidden_sender', message: expect.any(String) }, status: 403 });
  expect(api.getStatus).not.toHaveBeenCalled();
});

it('refuses calls once the window it trusted is gone', async () => {
  resetFakeElectron();
  const trust = createWindowTrust();
  trust.trust(windowContents as never);
  windowContents.emit('destroyed');
  bindConnectorIpc({ ipcMain: ipcMain as never, api: api as unknown as ConnectorApi, isTrustedSender: trust.isTrustedSender as never });
  expect(await invoke('getStatus', {})).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
});

it.each([
  ['enableReceive', { listId: 'not a number' }],
  ['setEventSelection', { events: ['sent', 'teleported'] }],
  ['rotateSecret', { which: 'mailjetSecretKey' }],
  ['getStatus', 'a string'],
])('rejects a bad %s argument with invalid_argument', async (method, arg) => {
  const result = (await invoke(method, arg)) as { ok: boolean; error: { code: string } };
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  expect(api[method as ConnectorMethod]).not.toHaveBeenCalled();
});

it('passes a coded error on as {code, message}', async () => {
  api.saveCredentials.mockRejectedValueOnce(Object.assign(new Error('Mailjet refused these keys. Copy them again from Account settings.'), { code: 'credentials_invalid' }));
  expect(await invoke('saveCredentials', { mailjetApiKey: 'k', mailjetSecretKey: SECRET })).toEqual({
    ok: false,
    error: { code: 'credentials_invalid', message: 'Mailjet refused these keys. Copy them again from Account settings.' },
    status: 400,
  });
});

it('hides an unexpected error: no message, stack or secret reaches the window', async () => {
  api.saveCredentials.mockRejectedValueOnce(new TypeError(`cannot read ${SECRET} of undefined`));
  const result = await invoke('saveCredentials', { mailjetApiKey: 'k', mailjetSecretKey: SECRET });
  expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } });
  expect(JSON.stringify(result)).not.toContain(SECRET);
  expect(JSON.stringify(result)).not.toMatch(/at .*\.ts/);
  expect(unexpected).toHaveBeenCalledWith('saveCredentials', expect.any(TypeError));
});

it('hides Node system errors too', async () => {
  api.getActivity.mockRejectedValueOnce(Object.assign(new Error('ENOENT: no such file /home/me/.config/x'), { code: 'ENOENT' }));
  expect(await invoke('getActivity', {})).toMatchObject({ ok: false, error: { code: 'internal_error' } });
});
