// Proves the tray menu shows the relay's state and that Open and Quit do what they say.
import type { Status } from '../../../shared/api';
import { createStatusTray } from '../../../main/electron/tray';
import { resetFakeElectron, Tray, type MenuItem } from './fake-electron';
import { statusWith } from './status-fixture';

vi.mock('electron', () => import('./fake-electron'));

beforeEach(() => resetFakeElectron());

const labels = (): Array<string | undefined> => Tray.created[0]!.menu!.template.map((i: MenuItem) => i.label ?? i.type);

it('says the relay is starting before the first status arrives', () => {
  createStatusTray({ open: vi.fn(), quit: vi.fn() });
  expect(labels()).toEqual(['Relay starting…', 'separator', 'Open', 'Quit']);
});

it.each<[string, Partial<Status>, string[]]>([
  ['both directions off', {}, ['Relay running on http://127.0.0.1:8787', 'Receiving: off', 'Sending: off']],
  [
    'receiving on, sending on but stopped',
    { receive: { enabled: true, listId: 7, flattenMode: 'documented' }, send: { enabled: true, events: ['sent'], namingPreset: 'default', problem: { code: 'credentials_invalid', message: 'x' } } },
    ['Relay running on http://127.0.0.1:8787', 'Receiving: on', 'Sending: on (needs attention)'],
  ],
])('shows the state when %s', (_case, partial, expected) => {
  const tray = createStatusTray({ open: vi.fn(), quit: vi.fn() });
  tray.show(statusWith(partial));
  expect(labels()).toEqual([...expected, 'separator', 'Open', 'Quit']);
  expect(Tray.created[0]!.menu!.template.slice(0, 3).every((i: MenuItem) => i.enabled === false)).toBe(true);
  expect(Tray.created[0]!.tooltip).toContain(expected[0]);
});

it('Open and a click on the icon open the window; Quit quits', () => {
  const actions = { open: vi.fn(), quit: vi.fn() };
  createStatusTray(actions);
  const item = (label: string) => Tray.created[0]!.menu!.template.find((i: MenuItem) => i.label === label)!;
  item('Open').click!();
  Tray.created[0]!.emit('click');
  item('Quit').click!();
  expect(actions.open).toHaveBeenCalledTimes(2);
  expect(actions.quit).toHaveBeenCalledTimes(1);
});
