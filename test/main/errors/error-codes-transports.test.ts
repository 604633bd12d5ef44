// Every code of the one table gives the same {code, message} and status through the desktop window's
// IPC binding and through the web console's control server, so the two can never disagree again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONNECTOR_METHODS, type ConnectorApi } from '../../../shared/api';
import { ERROR_CODES, ERROR_CODE_LIST, type ErrorCode } from '../../../shared/error-codes';
import { createControlServer, type ControlServer } from '../../../main/control/control-server';
import { bindConnectorIpc } from '../../../main/electron/ipc';
import { CodedError } from '../../../main/errors/coded-error';
import { FakeWebContents, ipcMain, resetFakeElectron } from '../electron/fake-electron';

vi.mock('electron', () => import('../electron/fake-electron'));

const TOKEN = 'console-token-for-error-table-0123';
const APP_ENTRY = 'file:///app/dist/renderer/index.html';

interface Answer {
  status: number;
  code: string;
  message: string;
}

let thrown: unknown;
let server: ControlServer;
let consoleUrl: string;
let rendererDir: string;
const windowContents = new FakeWebContents();

const api = Object.fromEntries(CONNECTOR_METHODS.map((method) => [method, async () => Promise.reject(thrown)])) as unknown as ConnectorApi;

beforeAll(async () => {
  resetFakeElectron();
  bindConnectorIpc({ ipcMain: ipcMain as never, api, isTrustedSender: (event) => event.sender === (windowContents as never) });
  rendererDir = await mkdtemp(join(tmpdir(), 'mjsc-error-table-'));
  server = createControlServer({ api, token: TOKEN, port: 0, rendererDir, logger: { warn: () => undefined, error: () => undefined } });
  consoleUrl = await server.listen();
});

afterAll(async () => {
  await server?.close();
  await rm(rendererDir, { recursive: true, force: true });
});

async function overIpc(): Promise<Answer> {
  const handler = ipcMain.handlers.get('connector:listContactLists');
  if (!handler) throw new Error('listContactLists is not bound');
  const result = (await handler({ sender: windowContents, senderFrame: { url: `${APP_ENTRY}#/setup` } }, {})) as { ok: boolean; error: { code: string; message: string }; status: number };
  expect(result.ok).toBe(false);
  return { status: result.status, ...result.error };
}

async function overHttp(): Promise<Answer> {
  const response = await fetch(`${consoleUrl}/api/listContactLists`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

it.each(ERROR_CODE_LIST)('%s gives the same answer in the window and in the console', async (code: ErrorCode) => {
  const message = `The ${code} case, told as a person would read it. Do the next step and try again.`;
  thrown = new CodedError(code, message);
  const [ipc, http] = [await overIpc(), await overHttp()];
  expect(http).toEqual(ipc);
  const { status, expose } = ERROR_CODES[code];
  expect(http).toEqual(expose ? { status, code, message } : { status: 500, code: 'internal_error', message: ERROR_CODES.internal_error.message });
});

it('masks a password in a URL the same way in both', async () => {
  thrown = new CodedError('mailjet_bad_request', 'Mailjet refused https://mailjet:s3cretValue@relay.example/mailjet/events. Fix it.');
  const [ipc, http] = [await overIpc(), await overHttp()];
  expect(http).toEqual(ipc);
  expect(JSON.stringify(http)).not.toContain('s3cretValue');
});

it.each([
  ['an uncoded error', new Error('boom at /home/me/.config')],
  ['a code outside the table', Object.assign(new Error('Pick a list first.'), { code: 'receive_not_configured' })],
  ['a Node system error', Object.assign(new Error('ENOENT: no such file /home/me/x'), { code: 'ENOENT' })],
])('hides %s behind the same generic 500 in both', async (_case, error) => {
  thrown = error;
  const [ipc, http] = [await overIpc(), await overHttp()];
  expect(http).toEqual(ipc);
  expect(http).toEqual({ status: 500, code: 'internal_error', message: ERROR_CODES.internal_error.message });
});
