// Send setup through the HTTP control API against the Mailjet emulator, where it can go wrong: a foreign
// URL Mailjet accepts but URL decoding does not, a failure halfway through a replace, rows Mailjet
// suspended, and "keep" while sending is already on.
import { pollUntil } from '../../support/condition-polling';
import { fixtureEvents } from '../../../emulators/fixtures/mailjet-events';
import { readAllFiles, startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

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

describe('a failure halfway through "replace"', () => {
  const CRM = {
    sent: 'https://crm:hunter2pass@crm.example.com/mj/sent',
    open: 'https://crm:hunter2pass@crm.example.com/mj/open',
  } as const;

  it('remembers the URL it already displaced, says retrying is safe, and disableSend restores it', async () => {
    harness.mailjet.seedCallback({ EventType: 'sent', Url: CRM.sent, Version: 1 });
    const open = harness.mailjet.seedCallback({ EventType: 'open', Url: CRM.open, Version: 1 });
    harness.mailjet.inject(`PUT /v3/REST/eventcallbackurl/${open.ID}`, { status: 503 });

    const answer = await harness.call('enableSend', { events: ['sent', 'open'], onConflict: 'replace' });
    expect(answer.status).toBe(502);
    expect(answer.error?.code).toBe('callback_incomplete');
    expect(answer.error?.message).toMatch(/partway.*1 change was made.*Disable sending still puts them back.*safe to try again/);
    expect(JSON.stringify(answer.error)).not.toContain('hunter2pass');
    const { mailjetCallbackUrl } = await harness.ok('getConnectionInfo');
    expect(primaryRows().map((row) => [row.EventType, row.Url])).toEqual([['sent', mailjetCallbackUrl], ['open', CRM.open]]);
    // "open" is remembered before its PUT (write-ahead): a 503 does not prove the PUT was not applied.
    expect((await harness.ok('getStatus')).send.replaced).toEqual([
      { eventType: 'sent', url: 'https://crm:••••@crm.example.com/mj/sent' },
      { eventType: 'open', url: 'https://crm:••••@crm.example.com/mj/open' },
    ]);

    const off = await harness.ok('disableSend', {});
    expect(primaryRows().map((row) => [row.EventType, row.Url, row.Version])).toEqual([['sent', CRM.sent, 1], ['open', CRM.open, 1]]);
    expect(off.send.replaced).toBeUndefined();
  });

  it('picks up where it stopped when tried again', async () => {
    harness.mailjet.seedCallback({ EventType: 'sent', Url: CRM.sent, Version: 1 });
    const open = harness.mailjet.seedCallback({ EventType: 'open', Url: CRM.open, Version: 1 });
    harness.mailjet.inject(`PUT /v3/REST/eventcallbackurl/${open.ID}`, { status: 503 });
    expect((await harness.call('enableSend', { events: ['sent', 'open'], onConflict: 'replace' })).status).toBe(502);

    const retried = await harness.ok('enableSend', { events: ['sent', 'open'], onConflict: 'replace' });
    expect(retried.state).toBe('enabled');
    expect(retried.status.send.replaced?.map((row) => row.eventType)).toEqual(['sent', 'open']);
    await harness.ok('disableSend', {});
    expect(primaryRows().map((row) => [row.EventType, row.Url])).toEqual([['sent', CRM.sent], ['open', CRM.open]]);
  });
});

describe('a conflict while sending is already on', () => {
  const CRM_CLICK = 'https://crm:hunter2pass@crm.example.com/mj/click';

  beforeEach(async () => {
    await harness.ok('enableSend', { events: ['sent', 'open'] });
    harness.mailjet.seedCallback({ EventType: 'click', Url: CRM_CLICK, Version: 1 });
  });

  async function openEventReachesSegment(email: string): Promise<void> {
    const report = await harness.mailjet.emit([{ ...fixtureEvents.open, email, MessageID: 11n }]);
    expect(report.deliveries.map((delivery) => delivery.delivered)).toEqual([true]);
    await pollUntil(() => harness.segment.received.some((message) => (message.message.context as { traits?: { email?: string } }).traits?.email === email), `${email} in Segment`);
  }

  it('"keep" leaves the other tool its type and keeps sending the rest', async () => {
    const result = await harness.ok('enableSend', { events: ['sent', 'open', 'click'], onConflict: 'keep' });
    expect(result.state).toBe('enabled');
    expect(result.conflicts).toEqual([{ eventType: 'click', url: 'https://crm:••••@crm.example.com/mj/click' }]);
    expect(result.status.send).toMatchObject({ enabled: true, events: ['sent', 'open'] });
    expect(result.status.send.problem).toBeUndefined();
    expect(primaryRows().find((row) => row.EventType === 'click')?.Url).toBe(CRM_CLICK);
    await openEventReachesSegment('kept-click@example.com');
  });

  it('"ask" changes neither Mailjet nor the selection the engine forwards', async () => {
    const result = await harness.ok('enableSend', { events: ['sent', 'click'] });
    expect(result.state).toBe('conflict');
    expect(result.status.send).toMatchObject({ enabled: true, events: ['sent', 'open'] });
    expect(primaryRows().map((row) => row.EventType).sort()).toEqual(['click', 'open', 'sent']);
    await openEventReachesSegment('asked@example.com');
  });
});

it('keeps a replaced URL with the CRM password out of the data dir, in the secret store, and still restores it', async () => {
  const crm = 'https://crm:hunter2pass@crm.example.com/mj/bounce';
  harness.mailjet.seedCallback({ EventType: 'bounce', Url: crm, Version: 1 });
  expect((await harness.ok('enableSend', { events: ['bounce'], onConflict: 'replace' })).state).toBe('enabled');
  for (const file of readAllFiles(harness.dataDir)) expect(file.bytes.includes('hunter2pass'), file.path).toBe(false);
  expect(await harness.secrets.get('displacedCallbacks')).toContain('hunter2pass');
  expect((await harness.ok('getStatus')).send.replaced).toEqual([{ eventType: 'bounce', url: 'https://crm:••••@crm.example.com/mj/bounce' }]);
  await harness.ok('disableSend', {});
  expect(primaryRows().map((row) => [row.EventType, row.Url, row.Version])).toEqual([['bounce', crm, 1]]);
  expect(await harness.secrets.get('displacedCallbacks')).toBeUndefined();
});
