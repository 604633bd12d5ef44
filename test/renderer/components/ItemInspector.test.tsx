// The inspector in Activity against the fake back end: Search, a Details button on every row, the
// "Item details" region with Replay and Discard (and its address, so a reload lands there), Discard
// all failed with counts, no Retry where a retry cannot help, and refused requests with their fix.
import { screen, within } from '@testing-library/react';
import type { ActivityItem, ItemDetails } from '../../../shared/api';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

function item(id: string, over: Partial<ActivityItem>): ActivityItem {
  return { id, direction: 'send', kind: 'open', status: 'delivered', attempts: 1, receivedAt: '2026-11-27T09:14:05.000Z', updatedAt: '2026-11-27T09:14:06.000Z', ...over };
}

const BIG = '19421777835146491';

function inspectorFake(): FakeConnector {
  const fake = new FakeConnector();
  fake.activityItems = [
    item('1', { email: 'ann@example.com', messageId: 'mj-abc' }),
    item('2', { kind: 'click', email: 'bob@example.com', status: 'failed', attempts: 2, reason: "The track call is 40 KB, above Segment's 32 KB limit per call (a large Payload?); it cannot be sent.", retryable: false }),
    item('3', { direction: 'receive', kind: 'identify', email: 'cy@example.com', status: 'failed', attempts: 3, reason: 'Mailjet answered 500.', retryable: true }),
    item('refused-1', { direction: 'receive', kind: 'POST /segment', status: 'refused', attempts: 0, reason: '401 unauthorized: Missing or wrong credentials.', fix: 'Segment sends an old relay key: paste the current Segment Authentication Key into the destination.' }),
  ];
  const details: ItemDetails = {
    item: fake.activityItems[0]!,
    request: { method: 'POST', path: '/mailjet/events', headers: { authorization: 'Basic ***', 'content-type': 'application/json' }, body: `{\n  "event": "open",\n  "MessageID": ${BIG}\n}`, bodyTruncated: false },
    sent: { kind: 'track', call: { type: 'track', event: 'Email Opened', anonymousId: 'ann@example.com', messageId: 'mj-abc', timestamp: '2015-06-03T12:30:00.000Z', properties: { email_id: BIG }, context: { traits: { email: 'ann@example.com' } } } },
    attempts: [{ at: '2026-11-27T09:14:06.000Z', outcome: 'delivered', latencyMs: 42 }],
    notes: [],
    dropped: [],
    replayable: true,
  };
  fake.itemDetails.set('1', details);
  fake.itemDetails.set('2', { ...details, item: fake.activityItems[1]!, replayable: true, attempts: [] });
  return fake;
}

async function openActivity(fake: FakeConnector) {
  const rendered = renderApp(fake);
  await statusLoaded();
  await rendered.user.click(screen.getByRole('link', { name: 'Activity' }));
  await screen.findByRole('table', { name: 'Recent items' });
  return rendered;
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the inspector', () => {
  it('has a Details button on every row and opens the item in a region named "Item details", in the address too', async () => {
    const { user } = await openActivity(inspectorFake());
    const rows = within(screen.getByRole('table', { name: 'Recent items' })).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('button', { name: 'Details' }).length)).toEqual([1, 1, 1, 1]);
    await user.click(within(rows[0]!).getByRole('button', { name: 'Details' }));
    const region = await screen.findByRole('region', { name: 'Item details' });
    expect(await within(region).findByText(new RegExp(`"MessageID": ${BIG}`))).toBeInTheDocument();
    expect(within(region).getByText(/"event": "Email Opened"/)).toBeInTheDocument();
    expect(within(region).getByText('Basic ***')).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Replay' })).toBeEnabled();
    expect(within(region).getByRole('button', { name: 'Discard' })).toBeDisabled();
    expect(window.location.hash).toBe('#/activity/items/1');
  });

  it('lands on the open item after a reload', async () => {
    window.history.replaceState(null, '', '/#/activity/items/1');
    renderApp(inspectorFake());
    const region = await screen.findByRole('region', { name: 'Item details' });
    expect(await within(region).findByText('mj-abc')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Activity' })).toHaveAttribute('aria-current', 'page');
  });

  it('replays as a new message when asked, and says what Segment will do', async () => {
    const { fake, user } = await openActivity(inspectorFake());
    await user.click(within(screen.getByRole('row', { name: /ann@example\.com/ })).getByRole('button', { name: 'Details' }));
    const region = await screen.findByRole('region', { name: 'Item details' });
    await user.click(within(region).getByRole('checkbox', { name: /as a new message/ }));
    await user.click(within(region).getByRole('button', { name: 'Replay' }));
    expect(await within(region).findByText('Replayed with a new messageId: Segment records it as a new event.')).toBeInTheDocument();
    expect(fake.callsOf('replayItems')).toEqual([{ ids: ['1'], asNewMessage: true }]);
  });

  it('discards one failed item from its details, and all failed with the counts said', async () => {
    const { fake, user } = await openActivity(inspectorFake());
    await user.click(within(screen.getByRole('row', { name: /bob@example\.com/ })).getByRole('button', { name: 'Details' }));
    const region = await screen.findByRole('region', { name: 'Item details' });
    await user.click(within(region).getByRole('button', { name: 'Discard' }));
    await vi.waitFor(() => expect(screen.queryByRole('region', { name: 'Item details' })).not.toBeInTheDocument());
    expect(fake.callsOf('discardItems')).toEqual([{ ids: ['2'] }]);
    await user.click(screen.getByRole('button', { name: 'Discard all failed' }));
    expect(await screen.findByText('Discarded 1 failed item (1 Segment → Mailjet, 0 Mailjet → Segment).')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.queryByRole('row', { name: /cy@example\.com/ })).not.toBeInTheDocument());
  });

  it('offers Retry only where a retry can succeed, and shows a refused request with its fix', async () => {
    await openActivity(inspectorFake());
    expect(within(screen.getByRole('row', { name: /bob@example\.com/ })).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /cy@example\.com/ })).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    const refused = screen.getByRole('row', { name: /Refused POST \/segment/ });
    expect(refused).toHaveTextContent('Fix: Segment sends an old relay key: paste the current Segment Authentication Key into the destination.');
  });

  it('searches by email through getActivity, and dates carry the time zone', async () => {
    const { fake, user } = await openActivity(inspectorFake());
    await user.type(screen.getByRole('textbox', { name: 'Search' }), 'cy@');
    await vi.waitFor(() => expect(within(screen.getByRole('table', { name: 'Recent items' })).getAllByRole('row')).toHaveLength(2));
    expect(fake.callsOf('getActivity').at(-1)).toMatchObject({ search: 'cy@' });
    const time = within(screen.getByRole('row', { name: /cy@example\.com/ })).getByText((_text, element) => element?.tagName === 'TIME');
    expect(time.textContent).toMatch(/2026.*\d\d:\d\d:\d\d.*(UTC|GMT|[A-Z]{3})/);
  });

  it('keeps the fixed names unique by substring, as outside checks match them', async () => {
    const { user } = await openActivity(inspectorFake());
    const contains = (fixed: string) => (text: string) => text.toLowerCase().includes(fixed.toLowerCase());
    expect(screen.getAllByRole('textbox', { name: contains('Search') })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: contains('Discard all failed') })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: contains('Retry all failed') })).toHaveLength(1);
    await user.click(within(screen.getByRole('row', { name: /ann@example\.com/ })).getByRole('button', { name: 'Details' }));
    const region = await screen.findByRole('region', { name: 'Item details' });
    expect(within(region).getAllByRole('button', { name: contains('Replay') })).toHaveLength(1);
    expect(within(region).getAllByRole('button', { name: contains('Discard') })).toHaveLength(1);
  });
});
