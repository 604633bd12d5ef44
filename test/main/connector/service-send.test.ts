// Send setup through the HTTP control API against the Mailjet emulator, where it can go wrong: a foreign
// URL Mailjet accepts but URL decoding does not, a failure halfway through a replace, rows Mailjet
// suspended, and "keep" while sending is already on.
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
