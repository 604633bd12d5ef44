// The fixed accessible names are found by outside checks with Playwright's default matching: a
// case-insensitive SUBSTRING. Each must therefore match exactly one element of its role, and each
// field label exactly one labelled element, in every state where the name is on screen.
import { screen, type ByRoleMatcher } from '@testing-library/react';
import type { ActivityItem } from '../../../shared/api';
import { FakeConnector } from '../fake-connector';
import { renderApp, statusLoaded } from '../render-app';

const SETUP_NAMES: ReadonlyArray<readonly [ByRoleMatcher, readonly string[]]> = [
  ['button', ['Copy', 'Save keys', 'Save events', 'Enable receiving', 'Disable receiving', 'Enable sending', 'Disable sending', 'Keep existing endpoints', 'Replace with Segment endpoints']],
  ['textbox', ['Mailjet API key']],
  ['combobox', ['Contact list']],
  ['checkbox', ['Sent', 'Open', 'Click', 'Bounce', 'Spam', 'Blocked', 'Unsubscribe']],
];
// getByLabel also matches aria-label and aria-labelledby, on any element; password fields have no role.
const SETUP_LABELS = ['Mailjet API key', 'Mailjet secret key', 'Segment write key', 'Contact list'];

const contains = (fixed: string) => (text: string) => text.toLowerCase().includes(fixed.toLowerCase());

/** Names of every element of `role` (hidden ones too) whose accessible name contains `fixed`. */
function roleMatches(role: ByRoleMatcher, fixed: string): string[] {
  return screen.queryAllByRole(role, { name: contains(fixed), hidden: true }).map((element) => element.getAttribute('aria-label') ?? element.textContent ?? '');
}

function labelMatches(fixed: string): number {
  return screen.queryAllByLabelText(contains(fixed)).length;
}

async function setupWithConflictDialog(): Promise<void> {
  const fake = new FakeConnector();
  fake.foreignCallbacks = [{ eventType: 'open', url: 'https://crm.example.com/hooks/mailjet' }];
  const { user } = renderApp(fake);
  await statusLoaded();
  await screen.findByLabelText('Segment Authentication Key');
  await user.click(screen.getByRole('button', { name: 'Enable sending' }));
  await screen.findByRole('dialog');
}

describe('fixed accessible names match one element each, by substring', () => {
  it.each(SETUP_NAMES.flatMap(([role, names]) => names.map((name) => [role, name] as const)))(
    'Setup (conflict dialog open): one %s contains "%s"', async (role, name) => {
      await setupWithConflictDialog();
      expect(roleMatches(role, name)).toHaveLength(1);
    },
  );

  it.each(SETUP_LABELS)('Setup (conflict dialog open): one labelled element contains "%s"', async (label) => {
    await setupWithConflictDialog();
    expect(labelMatches(label)).toBe(1);
  });

  it('Activity with failed items: one button contains "Retry all failed", beside the per-row Retry buttons', async () => {
    const fake = new FakeConnector();
    const failed = (id: string): ActivityItem => ({ id, direction: 'send', kind: 'open', status: 'failed', attempts: 5, reason: 'Segment answered 500.', receivedAt: '2026-11-27T09:14:05.000Z', updatedAt: '2026-11-27T09:14:06.000Z' });
    fake.activityItems = [failed('a'), failed('b')];
    const { user } = renderApp(fake);
    await statusLoaded();
    await user.click(screen.getByRole('link', { name: 'Activity' }));
    await screen.findByRole('table', { name: 'Recent items' });
    expect(roleMatches('button', 'Retry all failed')).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'Retry' })).toHaveLength(2);
  });
});
