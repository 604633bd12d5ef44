// Proves the preload exposes window.connector method by method, and nothing else.
import { CONNECTOR_METHODS, channels } from '../../../shared/api';
import { contextBridge, ipcRenderer, resetFakeElectron } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

type Bridge = Record<string, (arg: unknown) => Promise<unknown>>;

let exposedKeys: string[];
let bridge: Bridge;

beforeAll(async () => {
  resetFakeElectron();
  await import('../../../main/electron/preload');
  exposedKeys = [...contextBridge.exposed.keys()];
  bridge = contextBridge.exposed.get('connector') as Bridge;
});
beforeEach(() => ipcRenderer.invoke.mockReset());

it('exposes only `connector` (and `desktop`, the relay port), with exactly the ConnectorApi methods and no way to reach IPC', async () => {
  expect(exposedKeys).toEqual(['connector', 'desktop']);
  expect(Object.keys(bridge).sort()).toEqual([...CONNECTOR_METHODS].sort());
  expect(Object.keys(bridge)).toHaveLength(CONNECTOR_METHODS.length);
  for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  expect(Object.keys(bridge)).not.toEqual(expect.arrayContaining(['invoke', 'send', 'on', 'ipcRenderer']));
  expect(Object.isFrozen(bridge)).toBe(true);
});

it.each(CONNECTOR_METHODS)('%s invokes its own channel with the argument and returns the value', async (method) => {
  ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { answer: method } });
  await expect(bridge[method]!({ some: 'arg' })).resolves.toEqual({ answer: method });
  expect(ipcRenderer.invoke).toHaveBeenCalledWith(channels[method], { some: 'arg' });
});

it('rejects with a plain {code, message} (which survives contextBridge) when the main process reports an error', async () => {
  ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'invalid_argument', message: 'listId must be a number.' } });
  await expect(bridge.enableReceive!({ listId: 'x' })).rejects.toStrictEqual({ code: 'invalid_argument', message: 'listId must be a number.' });
});

it('rejects with internal_error when the answer is not an envelope', async () => {
  ipcRenderer.invoke.mockResolvedValueOnce(undefined);
  await expect(bridge.getStatus!({})).rejects.toMatchObject({ code: 'internal_error' });
});
