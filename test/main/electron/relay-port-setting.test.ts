// Proves the desktop relay port: MJSC_PORT wins, else the saved port, else 8787; bad values fail with
// a message saying what to type; saving survives a restart; the port-in-use dialog says where to change it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListenerError } from '../../../main/config/listener-errors';
import { chooseRelayPort, desktopSettingsPath, saveRelayPort } from '../../../main/electron/relay-port-setting';
import { describeStartUpFailure } from '../../../main/electron/start-up-failure';

vi.mock('electron', () => import('./fake-electron'));

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mjsc-port-'));
  file = desktopSettingsPath(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('is 8787 on first start, the saved port after a save, and MJSC_PORT when set', async () => {
  expect(await chooseRelayPort(file, {})).toEqual({ port: 8787, savedPort: 8787, source: 'default' });
  await saveRelayPort(file, 9123);
  expect(await chooseRelayPort(file, {})).toEqual({ port: 9123, savedPort: 9123, source: 'settings' });
  expect(await chooseRelayPort(file, { MJSC_PORT: '0' })).toEqual({ port: 0, savedPort: 9123, source: 'environment' });
});

it.each(['abc', '70000', '-1', '80.5'])('MJSC_PORT=%s fails with bad_relay_port and what to type', async (value) => {
  await expect(chooseRelayPort(file, { MJSC_PORT: value })).rejects.toMatchObject({
    code: 'bad_relay_port',
    message: `MJSC_PORT is "${value}", which is not a port: use a whole number from 0 (any free port) to 65535.`,
  });
});

it('a damaged settings file fails with the file named', async () => {
  writeFileSync(file, '{"relayPort": "eighty"}');
  await expect(chooseRelayPort(file, {})).rejects.toMatchObject({ code: 'bad_relay_port', message: expect.stringContaining(file) });
});

it('the port-in-use dialog names MJSC_PORT, the settings file and the Setup field', () => {
  const error = new ListenerError('port_in_use', { label: 'relay', host: '127.0.0.1', port: 8787 });
  expect(describeStartUpFailure(error, file)).toBe(
    'The relay port 8787 on 127.0.0.1 is already in use, perhaps by another copy of the connector: quit it, or choose another port with ' +
      `the MJSC_PORT environment variable (0 picks a free one). The port is saved as "relayPort" in ${file}; the Relay port field in Setup changes it.`,
  );
});

it('an uncoded start-up failure shows a generic message, never its internals', () => {
  expect(describeStartUpFailure(new Error('ENOENT /home/me/.secret'), file)).not.toContain('.secret');
});
