import { act, screen, within } from '@testing-library/react';
import type { ActivityItem } from '../../../shared/api';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

function item(id: string, over: Partial<ActivityItem>): ActivityItem {
  return { id, direction: 'send', kind: 'open', status: 'delivered', attempts: 1, receivedAt: '2026-11-27T09:14:05.000Z', updatedAt: '2026-11-27T09:14:06.000Z', ...over };
}

function withActivity(): FakeConnector {
  const fake = new FakeConnector();
  fake.activityItems = [
    item('a', { email: 'ann@example.com' }),
    item('b', { kind: 'click', email: 'bob@example.com', status: 'failed', attempts: 5, reason: 'Segment refused the write key. Check it under Setup → Keys.' }),
    item('c', { direction: 'receive', kind: 'identify', email: 'cy@example.com', status: 'failed', attempts: 3, reason: 'Mailjet answered 500.' }),
    item('d', { direction: 'receive', kind: 'page', status: 'skipped', attempts: 0, reason: 'Only identify calls are forwarded.' }),
  ];
  fake.perMinute = [
    { minute: '2026-11-27T09:13:00.000Z', counts: {} },
    { minute: '2026-11-27T09:14:00.000Z', counts: { open: 3, click: 1 } },
  ];
  return fake;
}

async function openActivity(fake: FakeConnector) {
  const rendered = renderApp(fake);
  await statusLoaded();
  await rendered.user.click(screen.getByRole('link', { name: 'Activity' }));
  await screen.findByRole('table', { name: 'Recent items' });
  return rendered;
}

describe('ActivityScreen', () => {
  it('shows the counts per direction', async () => {
    await openActivity(withActivity());
    const counts = screen.getByRole('table', { name: 'Items per direction' });
    const send = within(counts).getByRole('row', { name: /Mailjet → Segment/ });
    expect(within(send).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '0', '1', '1', '0', '0']);
    const receive = within(counts).getByRole('row', { name: /Segment → Mailjet/ });
    expect(within(receive).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '0', '0', '1', '1', '0']);
  });

  it('summarises the per-minute chart in text for screen readers', async () => {
    await openActivity(withActivity());
    expect(screen.getByText(/Last hour: 3 open, 1 click\. Busiest minute \d\d:\d\d with 4 events\./)).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Events per minute by type\./ })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Events per minute by type, last hour' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
  });

  it('lists recent items with status, attempts and reason, and filters them', async () => {
    const { fake, user } = await openActivity(withActivity());
    const table = screen.getByRole('table', { name: 'Recent items' });
    expect(within(table).getByRole('row', { name: /Mailjet click bob@example\.com failed 5 Segment refused the write key/ })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'failed');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Direction' }), 'receive');
    await vi.waitFor(() => expect(within(screen.getByRole('table', { name: 'Recent items' })).getAllByRole('row')).toHaveLength(2));
    expect(screen.getByRole('row', { name: /Segment identify cy@example\.com failed/ })).toBeInTheDocument();
    expect(fake.callsOf('getActivity').at(-1)).toEqual({ limit: 100, status: 'failed', direction: 'receive', chartMinutes: 60 });
  });

  it('retries one failed item', async () => {
    const { fake, user } = await openActivity(withActivity());
    const row = screen.getByRole('row', { name: /bob@example\.com/ });
    await user.click(within(row).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('1 item queued again.')).toBeInTheDocument();
    expect(fake.callsOf('retryFailed')).toEqual([{ ids: ['b'] }]);
    await vi.waitFor(() => expect(within(screen.getByRole('row', { name: /bob@example\.com/ })).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument());
  });

  it('keeps a quick second Retry on another row while the first is still running, each row busy on its own', async () => {
    const fake = withActivity();
    const { user } = await openActivity(fake);
    const release = fake.hold('retryFailed');
    const bobRetry = within(screen.getByRole('row', { name: /bob@example\.com/ })).getByRole('button', { name: 'Retry' });
    const cyRetry = within(screen.getByRole('row', { name: /cy@example\.com/ })).getByRole('button', { name: 'Retry' });
    await user.click(bobRetry);
    await vi.waitFor(() => expect(bobRetry).toHaveAttribute('aria-busy', 'true'));
    expect(cyRetry).toBeEnabled();
    await user.click(cyRetry);
    await vi.waitFor(() => expect(cyRetry).toHaveAttribute('aria-busy', 'true'));
    expect(fake.callsOf('retryFailed')).toEqual([{ ids: ['b'] }, { ids: ['c'] }]);
    expect(screen.getByRole('button', { name: 'Retry all failed' })).not.toHaveAttribute('aria-busy');
    await act(async () => release());
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Retry all failed' })).toBeDisabled());
    expect(within(screen.getByRole('table', { name: 'Recent items' })).queryAllByRole('button', { name: 'Retry' })).toHaveLength(0);
  });

  it('shows the back end’s error when one row’s Retry fails', async () => {
    const fake = withActivity();
    const { user } = await openActivity(fake);
    fake.failNext('retryFailed', 'item_not_failed', 'This item is no longer failed. Refresh the list.');
    await user.click(within(screen.getByRole('row', { name: /bob@example\.com/ })).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This item is no longer failed. Refresh the list.');
  });

  it('retries all failed items', async () => {
    const { fake, user } = await openActivity(withActivity());
    await user.click(screen.getByRole('button', { name: 'Retry all failed' }));
    expect(await screen.findByText('2 items queued again.')).toBeInTheDocument();
    expect(fake.callsOf('retryFailed')).toEqual([{}]);
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Retry all failed' })).toBeDisabled());
  });

  it('shows the back end’s error when retrying fails', async () => {
    const { fake, user } = await openActivity(withActivity());
    fake.failNext('retryFailed', 'storage_busy', 'The queue is busy. Try again in a few seconds.');
    await user.click(screen.getByRole('button', { name: 'Retry all failed' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The queue is busy. Try again in a few seconds.');
  });
});
