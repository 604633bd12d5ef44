// Sending to Segment through the HTTP control API against the emulators: the conflict flow (ask, keep,
// replace) with foreign callbacks on 3 of the 7 types past the first page, the restore on disableSend,
// selection changes, the events-secret rotation, test events, previews, activity and retries.
import { EVENT_TYPES } from '../../../shared/event-catalog';
import { pollUntil } from '../../support/condition-polling';
import { fixtureEvents } from '../../../emulators/fixtures/mailjet-events';
import { KEYS, registeredUrl, startConnectorHarness, type ConnectorHarness } from '../../support/connector-harness';

const FOREIGN = {
  bounce: 'https://crm:hunter2pass@hooks.example.com/mailjet/bounce',
  spam: 'https://hooks.example.com/mailjet/spam',
  blocked: 'https://crm:hunter2pass@hooks.example.com/mailjet/blocked',
} as const;

let harness: ConnectorHarness;
beforeEach(async () => {
  harness = await startConnectorHarness();
});
afterEach(async () => {
  await harness.stop();
});

/** POSTs like Mailjet does: the URL's userinfo goes into a Basic Authorization header. */
async function postToCallback(url: string, body: unknown): Promise<number> {
  const parsed = new URL(url);
  const auth = Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64');
  parsed.username = '';
  parsed.password = '';
  const response = await fetch(parsed, { method: 'POST', headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.status;
}

function primaryRows() {
  return harness.mailjet.callbacks.filter((row) => !row.IsBackup);
}

describe('enableSend conflicts', () => {
  beforeEach(async () => {
    // 7 backup rows, our own stale row for "sent", then the foreign rows: 11 rows, the foreign ones past the default page of 10.
    for (const type of EVENT_TYPES) harness.mailjet.seedCallback({ EventType: type, Url: `https://backup.example.com/${type}`, IsBackup: true });
    const stale = new URL('/mailjet/events', harness.host.relayUrl);
    stale.username = 'mailjet';
    stale.password = 'an-old-events-secret';
    harness.mailjet.seedCallback({ EventType: 'sent', Url: stale.toString(), Version: 1 });
    for (const [type, url] of Object.entries(FOREIGN)) harness.mailjet.seedCallback({ EventType: type, Url: url, Version: 1 });
  });

  it('"ask" reports the 3 foreign rows masked and changes nothing', async () => {
    harness.mailjet.clearRequests();
    const result = await harness.ok('enableSend', {});
    expect(result.state).toBe('conflict');
    expect(result.conflicts).toEqual([
      { eventType: 'bounce', url: 'https://crm:••••@hooks.example.com/mailjet/bounce' },
      { eventType: 'spam', url: FOREIGN.spam },
      { eventType: 'blocked', url: 'https://crm:••••@hooks.example.com/mailjet/blocked' },
    ]);
    expect(JSON.stringify(result)).not.toContain('hunter2pass');
    expect(result.status.send.enabled).toBe(false);
    expect(harness.mailjet.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(harness.mailjet.requests.some((request) => request.path.endsWith('eventcallbackurl') && request.query.Limit === '1000')).toBe(true);
  });

  it('"keep" leaves the foreign rows, does not activate sending, and says so in the status', async () => {
    const result = await harness.ok('enableSend', { onConflict: 'keep' });
    expect(result.state).toBe('kept');
    expect(result.status.send.enabled).toBe(false);
    expect(result.status.send.problem).toMatchObject({ code: 'conflict_kept' });
    expect(result.status.send.problem?.message).toMatch(/Bounce, Spam, Blocked/);
    for (const [type, url] of Object.entries(FOREIGN)) expect(registeredUrl(harness.mailjet, type)).toBe(url);
    expect(primaryRows()).toHaveLength(4);
  });

  it('"replace" takes all 7 types with Version 2, remembers the old URLs, and disableSend restores them', async () => {
    const result = await harness.ok('enableSend', { onConflict: 'replace' });
    expect(result.state).toBe('enabled');
    const { mailjetCallbackUrl } = await harness.ok('getConnectionInfo');
    expect(primaryRows()).toHaveLength(7);
    for (const row of primaryRows()) expect(row).toMatchObject({ Url: mailjetCallbackUrl, Version: 2 });
    expect(result.status.send).toMatchObject({ enabled: true, replaced: [{ eventType: 'bounce', url: 'https://crm:••••@hooks.example.com/mailjet/bounce' }, { eventType: 'spam', url: FOREIGN.spam }, { eventType: 'blocked', url: expect.stringContaining('••••') }] });
    expect(harness.logLines.join('\n')).not.toContain('hunter2pass');

    const off = await harness.ok('disableSend', {});
    expect(off.send).toMatchObject({ enabled: false });
    expect(off.send.replaced).toBeUndefined();
    expect(primaryRows().map((row) => [row.EventType, row.Url, row.Version]).sort()).toEqual(
      Object.entries(FOREIGN).map(([type, url]) => [type, url, 1]).sort(),
    );
    expect(harness.mailjet.callbacks.filter((row) => row.IsBackup)).toHaveLength(7);
  });

  it('disableSend({restorePrevious:false}) removes ours and forgets the replaced URLs', async () => {
    await harness.ok('enableSend', { onConflict: 'replace' });
    await harness.ok('disableSend', { restorePrevious: false });
    expect(primaryRows()).toEqual([]);
  });
});

describe('sending', () => {
  beforeEach(async () => {
    await harness.ok('enableSend', { events: ['sent', 'open', 'click'] });
  });

  it('reconciles the rows when the selection changes, and saves the selection', async () => {
    expect(primaryRows().map((row) => row.EventType).sort()).toEqual(['click', 'open', 'sent']);
    const status = await harness.ok('setEventSelection', { events: ['open', 'bounce'] });
    expect(status.send.events).toEqual(['open', 'bounce']);
    expect(primaryRows().map((row) => row.EventType).sort()).toEqual(['bounce', 'open']);
  });

  it('rotating the events secret re-registers: the old callback URL gets 401, the new one works', async () => {
    const oldUrl = registeredUrl(harness.mailjet, 'open') ?? '';
    expect(await postToCallback(oldUrl, { ...fixtureEvents.open, MessageID: 1 })).toBe(200);
    const info = await harness.ok('rotateSecret', { which: 'eventsSecret' });
    expect(info.mailjetCallbackUrl).not.toBe(oldUrl);
    for (const row of primaryRows()) expect(row.Url).toBe(info.mailjetCallbackUrl);
    expect(await postToCallback(oldUrl, { ...fixtureEvents.open, MessageID: 2 })).toBe(401);
    const report = await harness.mailjet.emit([{ ...fixtureEvents.open, email: 'rotated@example.com', MessageID: 3n }]);
    expect(report.deliveries.every((delivery) => delivery.delivered)).toBe(true);
    await pollUntil(() => harness.segment.received.some((message) => (message.message.context as { traits?: { email?: string } }).traits?.email === 'rotated@example.com'), 'the event in Segment');
  });

  it('re-registers our callbacks on the new public URL', async () => {
    await harness.ok('setOptions', { publicUrl: 'https://tunnel.example.com' });
    const { mailjetCallbackUrl } = await harness.ok('getConnectionInfo');
    expect(mailjetCallbackUrl.startsWith('https://mailjet:')).toBe(true);
    expect(primaryRows().map((row) => row.Url)).toEqual([mailjetCallbackUrl, mailjetCallbackUrl, mailjetCallbackUrl]);
  });

  it('sendTestEvent goes through the Send path and arrives in Segment', async () => {
    const { queued } = await harness.ok('sendTestEvent', { eventType: 'click' });
    expect(queued).toBe(1);
    await pollUntil(() => harness.segment.received.some((message) => message.message.event === 'Email Link Clicked'), 'the test event in Segment');
    const received = harness.segment.received.find((message) => message.message.event === 'Email Link Clicked');
    expect(received?.message).toMatchObject({ type: 'track', anonymousId: 'test@example.com', properties: { link_url: 'https://example.com/test-link' } });
    expect(String((received?.message.properties as { email_id: string }).email_id)).toMatch(/^\d{17,}$/);
    const refused = await harness.call('sendTestEvent', { eventType: 'spam' });
    expect(refused).toMatchObject({ status: 409, error: { code: 'event_not_selected' } });
  });

  it('shows activity per direction and status, and retries failed items', async () => {
    harness.segment.inject('POST /v1/batch', { status: 400, count: 1 });
    await harness.ok('sendTestEvent', { eventType: 'open' });
    await pollUntil(async () => (await harness.ok('getActivity', { status: 'failed' })).items.length === 1, 'a failed item');
    const activity = await harness.ok('getActivity', { direction: 'send', status: 'failed' });
    expect(activity.items[0]).toMatchObject({ direction: 'send', kind: 'open', status: 'failed', email: 'test@example.com' });
    expect(activity.perMinute.at(-1)?.counts).toMatchObject({ open: 1 });
    expect(activity.counts.send.failed).toBe(1);
    expect(await harness.ok('retryFailed', {})).toEqual({ retried: 1 });
    await pollUntil(async () => (await harness.ok('getStatus')).queue.send.delivered === 1, 'the retried item delivered');
    expect(await harness.ok('retryFailed', { ids: ['999999'] })).toEqual({ retried: 0 });
  });

  it('reports Segment refusing the write key in the status', async () => {
    await harness.secrets.set('segmentWriteKey', 'a-write-key-segment-refuses');
    await harness.ok('rotateSecret', { which: 'relayKey' });
    await harness.ok('sendTestEvent', { eventType: 'sent' });
    await pollUntil(async () => (await harness.ok('getStatus')).credentials.segment === 'invalid', 'the bad write key reported');
    expect((await harness.ok('getStatus')).send.problem).toMatchObject({ code: 'credentials_invalid' });
  });
});

describe('previews', () => {
  it('maps a pasted identify with the current options and explains the dropped traits', async () => {
    const payload = JSON.stringify({ type: 'identify', userId: 'u1', traits: { email: 'p@example.com', name: 'Pat', address: { street: { name: 'Baker' } }, tags: ['a'] } });
    const preview = await harness.ok('previewIdentify', { payload });
    expect(preview).toMatchObject({ email: 'p@example.com', name: 'Pat', properties: { name: 'Pat' } });
    expect(preview.dropped.map((drop) => drop.path).sort()).toEqual(['address', 'tags']);
    await harness.ok('setOptions', { flattenMode: 'deep' });
    expect((await harness.ok('previewIdentify', { payload })).properties).toMatchObject({ address_street_name: 'Baker', tags: 'a' });
    expect(await harness.ok('previewIdentify', { payload: '{"traits":{}}' })).toMatchObject({ email: null, skippedReason: expect.stringMatching(/no email/) });
    expect(await harness.call('previewIdentify', { payload: '{nope' })).toMatchObject({ status: 400, error: { code: 'preview_payload_invalid' } });
  });

  it('maps a pasted event body, listing the rejected and the filtered items', async () => {
    await harness.ok('setEventSelection', { events: ['open'] });
    const payload = `[${JSON.stringify({ ...fixtureEvents.open, MessageID: 1 }).replace('"MessageID":1', '"MessageID":19421777835146491')},{"event":"open"},${JSON.stringify({ ...fixtureEvents.bounce, MessageID: 2 })}]`;
    const preview = await harness.ok('previewEvent', { payload });
    expect(preview.calls).toHaveLength(1);
    expect(preview.calls[0]).toMatchObject({ event: 'Email Opened', properties: { email_id: '19421777835146491' } });
    expect(preview.rejected.map((item) => item.index)).toEqual([1]);
    expect(preview.filtered).toEqual([{ index: 2, eventType: 'bounce' }]);
    expect(await harness.call('previewEvent', { payload: '42' })).toMatchObject({ status: 400 });
  });
});

it('uses the demo keys only through the status, never in answers', async () => {
  const status = await harness.ok('getStatus');
  expect(JSON.stringify(status)).not.toContain(KEYS.segmentWriteKey);
});
