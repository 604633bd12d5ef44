// getStatus through the HTTP control API when a direction keeps failing: Mailjet refuses every contact,
// the receive status says failure_burst with what to do, a desktop notifier fed the status speaks once,
// and Retry all failed clears it.
import { createProblemNotifier } from '../../../main/electron/notifications';
import { pollUntil } from '../../support/condition-polling';
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

vi.mock('electron', () => import('../electron/fake-electron'));

let harness: ConnectorHarness;
afterEach(async () => {
  await harness?.stop();
});

async function identifyBatch(relayUrl: string, relayKey: string, count: number): Promise<number> {
  const batch = Array.from({ length: count }, (_u, n) => ({ type: 'identify', userId: `burst-${n}`, traits: { email: `burst${n}@example.com`, plan: 'pro' } }));
  const response = await fetch(`${relayUrl}/v1/batch`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${relayKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ batch }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Mailjet answers every contact upsert (bulk or single) with this status. */
function refuseContacts(status: number): void {
  for (const path of ['managemanycontacts', 'managecontact']) harness.mailjet.inject(`POST /v3/REST/contactslist/*/${path}`, { status, count: 10_000 });
}

it('says failure_burst when 10 contacts fail within 5 minutes, notifies once, and clears after Retry all failed', async () => {
  harness = await startConnectorHarness();
  const list = harness.mailjet.seedList({ Name: 'Burst list' });
  await harness.ok('enableReceive', { listId: list.ID });
  const { relayKey } = await harness.ok('getConnectionInfo');
  refuseContacts(400);

  expect(await identifyBatch(harness.host.relayUrl, relayKey, 10)).toBe(200);
  await pollUntil(async () => (await harness.ok('getStatus')).queue.receive.failed === 10, '10 contacts failed');

  const notify = vi.fn();
  const onStatus = createProblemNotifier(notify);
  for (let i = 0; i < 3; i++) onStatus(await harness.ok('getStatus'));
  const status = await harness.ok('getStatus');
  expect(status.receive.problem).toEqual({
    code: 'failure_burst',
    message: expect.stringMatching(/^10 items failed in the last 5 minutes: .+\. Open Activity to see why, fix the cause, then Retry all failed\.$/),
  });
  expect(status.send.problem).toBeUndefined();
  expect(notify).toHaveBeenCalledTimes(1);
  expect(notify).toHaveBeenCalledWith({ title: 'Receiving from Segment stopped', body: status.receive.problem?.message });

  harness.mailjet.clearFaults();
  expect(await harness.ok('retryFailed', {})).toEqual({ retried: 10 });
  onStatus(await harness.ok('getStatus'));
  expect((await harness.ok('getStatus')).receive.problem).toBeUndefined();
  await pollUntil(async () => (await harness.ok('getStatus')).queue.receive.delivered === 10, 'the retried contacts delivered');
  expect(harness.mailjet.contact('burst9@example.com')).toMatchObject({ Properties: { plan: 'pro' } });
  expect(notify).toHaveBeenCalledTimes(1);
});

it('lets a more specific problem win: a deleted list, not a burst', async () => {
  harness = await startConnectorHarness();
  const list = harness.mailjet.seedList({ Name: 'Soon deleted' });
  await harness.ok('enableReceive', { listId: list.ID });
  const { relayKey } = await harness.ok('getConnectionInfo');
  refuseContacts(400);
  expect(await identifyBatch(harness.host.relayUrl, relayKey, 10)).toBe(200);
  await pollUntil(async () => (await harness.ok('getStatus')).receive.problem?.code === 'failure_burst', 'the burst');

  harness.mailjet.clearFaults();
  refuseContacts(404);
  expect(await identifyBatch(harness.host.relayUrl, relayKey, 2)).toBe(200);
  await pollUntil(async () => (await harness.ok('getStatus')).receive.problem?.code === 'list_deleted', 'the deleted list reported');
});
