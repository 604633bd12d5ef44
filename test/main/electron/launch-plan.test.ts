// The decision `npm start` makes (scripts/launch-plan.js). It lives here, beside the shell it
// launches, because the vitest node project collects test/main, not test/scripts.
import { planLaunch } from '../../../scripts/launch-plan.js';

const base = { platform: 'linux', args: ['--port', '9000'], nodePath: '/usr/bin/node' };
const BIN = '/w/node_modules/electron/dist/electron';

it.each([
  ['binary and X11 display', { electronBinary: BIN, binaryExists: true, env: { DISPLAY: ':0' } }, null],
  ['binary and Wayland display', { electronBinary: BIN, binaryExists: true, env: { WAYLAND_DISPLAY: 'wayland-0' } }, null],
  ['no binary, no display', { electronBinary: null, binaryExists: false, env: {} }, 'no Electron binary: it was skipped at install; no display'],
  ['no binary, with display', { electronBinary: null, binaryExists: false, env: { DISPLAY: ':0' } }, 'no Electron binary: it was skipped at install'],
  ['binary path but file missing', { electronBinary: BIN, binaryExists: false, env: { DISPLAY: ':0' } }, `no Electron binary at ${BIN}`],
  ['binary but no display', { electronBinary: BIN, binaryExists: true, env: { DISPLAY: '' } }, 'no display'],
])('linux, %s', (_case, facts, reason) => {
  const plan = planLaunch({ ...base, ...facts });
  if (reason === null) {
    expect(plan).toEqual({ kind: 'electron', command: BIN, args: ['.', '--port', '9000'] });
  } else {
    expect(plan).toEqual({
      kind: 'relay',
      message: `Electron cannot start here (${reason}) — running the headless relay instead: mjsc relay`,
      command: '/usr/bin/node',
      args: ['bin/mjsc.js', 'relay', '--port', '9000'],
    });
  }
});

it.each(['darwin', 'win32'])('%s needs no DISPLAY variable', (platform) => {
  expect(planLaunch({ ...base, platform, electronBinary: BIN, binaryExists: true, env: {} }).kind).toBe('electron');
});

it('the message is one line', () => {
  const plan = planLaunch({ ...base, electronBinary: null, binaryExists: false, env: {} });
  expect(plan.kind === 'relay' && plan.message.includes('\n')).toBe(false);
});
