// The credentials state in getStatus: a refusal (at the start-up check or during delivery) does not
// stick once Mailjet or Segment accepts the same saved keys again, without saving them anew.
import { pollUntil } from '../../support/condition-polling';
import { startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

let harness: ConnectorHarness;
afterEach(async () => {
  await harness?.stop();
});

/** Restarts the host with Mailjet refusing its start-up key check once. */
async function restartWithRefusedKeyCheck(): Promise<void> {
  // The first start's own check must be over, or it could take the refusal meant for the restart.
  await pollUntil(async () => (await harness.ok('getStatus')).credentials.mailjet === 'valid', 'the first start-up check done');
  harness.mailjet.inject('GET /v3/REST/contactslist', { status: 401, count: 1 });
  await harness.restart();
  await pollUntil(async () => (await harness.ok('getStatus')).credentials.mailjet === 'invalid', 'the start-up check reported the keys refused');
}

async function identify(traits: Record<string, unknown>): Promise<number> {
  const { relayKey } = await harness.ok('getConnectionInfo');
  const response = await fetch(`${harness.host.relayUrl}/v1/identify`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${relayKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 'user-1', traits }),
  });
  return response.status;
}

it('a start-up refusal is cleared by the next operator action Mailjet accepts', async () => {
  harness = await startConnectorHarness();
  await restartWithRefusedKeyCheck();
  expect((await harness.ok('getStatus')).credentials.problem).toMatchObject({ code: 'credentials_invalid' });
  expect(await harness.ok('listContactLists')).toEqual(expect.any(Array));
  const status = await harness.ok('getStatus');
  expect(status.credentials).toMatchObject({ mailjet: 'valid' });
  expect(status.credentials.problem).toBeUndefined();
});

it('a start-up refusal is cleared when contacts start reaching Mailjet, and the receive problem goes with it', async () => {
  harness = await startConnectorHarness();
  await harness.ok('enableReceive', { createListName: 'Segment Master List' });
  await restartWithRefusedKeyCheck();
  expect((await harness.ok('getStatus')).receive.problem).toMatchObject({ code: 'credentials_invalid' });
  expect(await identify({ email: 'back@example.com', plan: 'pro' })).toBe(200);
  await pollUntil(async () => (await harness.ok('getStatus')).queue.receive.delivered === 1, 'the contact delivered');
  const status = await harness.ok('getStatus');
  expect(status.credentials.mailjet).toBe('valid');
  expect(status.receive.problem).toBeUndefined();
});

it('a Segment refusal of the write key is cleared by the next batch Segment accepts', async () => {
  harness = await startConnectorHarness();
  harness.segment.inject('POST /v1/batch', { status: 401, count: 1 });
  await harness.ok('sendTestEvent', { eventType: 'open' });
  await pollUntil(async () => (await harness.ok('getStatus')).credentials.segment === 'invalid', 'the refused write key reported');
  expect(await harness.ok('retryFailed', {})).toEqual({ retried: 1 });
  await pollUntil(async () => (await harness.ok('getStatus')).queue.send.delivered === 1, 'the retried event delivered');
  expect((await harness.ok('getStatus')).credentials).toMatchObject({ segment: 'present' });
});
