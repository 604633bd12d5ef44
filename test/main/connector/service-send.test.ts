// Send setup through the HTTP control API against the Mailjet emulator, where it can go wrong: a foreign
// URL Mailjet accepts but URL decoding does not, a failure halfway through a replace, rows Mailjet
// suspended, and "keep" while sending is already on.
import { pollUntil } from '../../emulators/condition-polling';
import { fixtureEvents } from '../../emulators/fixtures/mailjet-events';
import { startConnectorHarness, type ConnectorHarness } from '../host/connector-harness';

let harness: ConnectorHarness;
beforeEach(async () => {
  harness = await startConnectorHarness();
});
afterEach(async () => {
  await harness.stop();
});

function primaryRows() {
  return harness.mailjet.callbacks.filter((row) => !row.IsBackup);
}

it('reports a foreign callback whose user name has a malformed escape, masked, instead of failing', async () => {
  harness.mailjet.seedCallback({ EventType: 'spam', Url: 'https://bad%ZZuser:hunter2pass@hooks.example.com/mj', Version: 1 });
  const answer = await harness.call('enableSend', { events: ['sent', 'spam'] });
  expect(answer.status).toBe(200);
  expect(answer.result).toMatchObject({ state: 'conflict', conflicts: [{ eventType: 'spam', url: 'https://bad%ZZuser:••••@hooks.example.com/mj' }] });
  expect(JSON.stringify(answer.result)).not.toContain('hunter2pass');
  expect(primaryRows()).toHaveLength(1);
});

it('repairs our callback rows Mailjet suspended, so Mailjet posts events again', async () => {
  const { mailjetCallbackUrl } = await harness.ok('getConnectionInfo');
  harness.mailjet.seedCallback({ EventType: 'open', Url: mailjetCallbackUrl, Version: 2, Status: 'dead' });
  const result = await harness.ok('enableSend', { events: ['open'] });
  expect(result.state).toBe('enabled');
  expect(primaryRows()).toEqual([expect.objectContaining({ EventType: 'open', Url: mailjetCallbackUrl, Status: 'alive' })]);
  const report = await harness.mailjet.emit([{ ...fixtureEvents.open, email: 'revived@example.com', MessageID: 7n }]);
  expect(report.deliveries.map((delivery) => delivery.delivered)).toEqual([true]);
  await pollUntil(() => harness.segment.received.some((message) => (message.message.context as { traits?: { email?: string } }).traits?.email === 'revived@example.com'), 'the event in Segment');
});
