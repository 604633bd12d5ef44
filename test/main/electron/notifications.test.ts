// Proves a desktop notification appears once per problem, and again only after it cleared.
import { createProblemNotifier, showDesktopNotification } from '../../../main/electron/notifications';
import { Notification, resetFakeElectron } from './fake-electron';
import { statusWith } from './status-fixture';

vi.mock('electron', () => import('./fake-electron'));

beforeEach(() => resetFakeElectron());

const listDeleted = { code: 'list_deleted', message: 'The list "Segment Master List" was deleted. Pick another list.' };
const badKeys = { code: 'credentials_invalid', message: 'Mailjet refused the keys. Enter them again.' };
// As the engine words it (main/delivery/failure-burst.ts); test/main/connector/service-status.test.ts produces one for real.
const burst = {
  code: 'failure_burst',
  message: '50 items failed in the last 5 minutes: Segment refused the event (HTTP 400); it is not retried. Open Activity to see why, fix the cause, then Retry all failed.',
};

const receiving = (problem?: typeof listDeleted) => statusWith({ receive: { enabled: true, listId: 1, flattenMode: 'documented', ...(problem ? { problem } : {}) } });

it('notifies once when receiving stops, however many status updates repeat it', () => {
  const notify = vi.fn();
  const onStatus = createProblemNotifier(notify);
  onStatus(receiving());
  for (let i = 0; i < 5; i++) onStatus(receiving(listDeleted));
  expect(notify).toHaveBeenCalledTimes(1);
  expect(notify).toHaveBeenCalledWith({ title: 'Receiving from Segment stopped', body: listDeleted.message });
});

it('notifies again after the problem cleared and came back', () => {
  const notify = vi.fn();
  const onStatus = createProblemNotifier(notify);
  onStatus(receiving(listDeleted));
  onStatus(receiving());
  onStatus(receiving(listDeleted));
  expect(notify).toHaveBeenCalledTimes(2);
});

it('notifies each distinct problem: bad keys, a failure burst on send, a deleted list', () => {
  const notify = vi.fn();
  const onStatus = createProblemNotifier(notify);
  onStatus(statusWith({ credentials: { mailjet: 'invalid', segment: 'present', source: 'keychain', problem: badKeys } }));
  onStatus(statusWith({ credentials: { mailjet: 'invalid', segment: 'present', source: 'keychain', problem: badKeys }, send: { enabled: true, events: ['open'], namingPreset: 'default', problem: burst } }));
  expect(notify.mock.calls.map(([n]) => n.title)).toEqual(['Mailjet or Segment keys need attention', 'Sending to Segment stopped']);
});

it('shows through the OS notification, and does nothing where notifications are unsupported', () => {
  showDesktopNotification({ title: 'T', body: 'B' }, vi.fn());
  Notification.supported = false;
  showDesktopNotification({ title: 'T2', body: 'B2' }, vi.fn());
  expect(Notification.shown).toEqual([{ title: 'T', body: 'B' }]);
});
